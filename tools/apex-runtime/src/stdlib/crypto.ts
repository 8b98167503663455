/**
 * Crypto (digests, MACs, AES, RSA signatures, random numbers) and EncodingUtil (Base64, URL and hex encoding).
 */
import { ApexBlob } from '../values/blob';
import * as crypto from 'crypto';
import type { Platform } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

export function cryptoStatic(lib: Platform, n: string, a: any[]): any {
    const algo = (s: string) => s.toLowerCase().replace(/^hmac/, '').replace('-', '');
    switch (n) {
        case 'generatedigest':
            return new ApexBlob(
                new Uint8Array(
                    crypto
                        .createHash(algo(a[0]))
                        .update((a[1] as ApexBlob).bytes)
                        .digest()
                )
            );
        case 'generatemac':
            return new ApexBlob(
                new Uint8Array(
                    crypto
                        .createHmac(algo(a[0]), (a[2] as ApexBlob).bytes)
                        .update((a[1] as ApexBlob).bytes)
                        .digest()
                )
            );
        case 'getrandominteger':
            return crypto.randomBytes(4).readInt32BE(0);
        case 'getrandomlong':
            return crypto.randomBytes(8).readBigInt64BE(0);
        case 'encrypt':
        case 'encryptwithmanagediv': {
            const key = (a[1] as ApexBlob).bytes;
            const iv = n === 'encrypt' ? (a[2] as ApexBlob).bytes : crypto.randomBytes(16);
            const data = (a[n === 'encrypt' ? 3 : 2] as ApexBlob).bytes;
            const c = crypto.createCipheriv(`aes-${key.length * 8}-cbc`, key, iv);
            const out = Buffer.concat([c.update(data), c.final()]);
            return new ApexBlob(new Uint8Array(n === 'encrypt' ? out : Buffer.concat([iv, out])));
        }
        case 'decrypt':
        case 'decryptwithmanagediv': {
            const key = (a[1] as ApexBlob).bytes;
            const raw = Buffer.from((a[n === 'decrypt' ? 3 : 2] as ApexBlob).bytes);
            const iv = n === 'decrypt' ? (a[2] as ApexBlob).bytes : raw.subarray(0, 16);
            const body = n === 'decrypt' ? raw : raw.subarray(16);
            try {
                const d = crypto.createDecipheriv(`aes-${key.length * 8}-cbc`, key, iv);
                return new ApexBlob(new Uint8Array(Buffer.concat([d.update(body), d.final()])));
            } catch {
                return lib.it.throwSys('SecurityException', 'Given final block not properly padded');
            }
        }
        case 'sign':
        case 'verify': {
            const hash =
                String(a[0])
                    .toLowerCase()
                    .replace(/^rsa-?/, '')
                    .replace(/^rsa$/, 'sha1')
                    .replace('-', '') || 'sha1';
            const data = Buffer.from((a[1] as ApexBlob).bytes);
            try {
                if (n === 'sign') {
                    const key = crypto.createPrivateKey({
                        key: Buffer.from((a[2] as ApexBlob).bytes),
                        format: 'der',
                        type: 'pkcs8'
                    });
                    return new ApexBlob(new Uint8Array(crypto.sign(hash, data, key)));
                }
                const key = crypto.createPublicKey({
                    key: Buffer.from((a[3] as ApexBlob).bytes),
                    format: 'der',
                    type: 'spki'
                });
                return crypto.verify(hash, data, key, Buffer.from((a[2] as ApexBlob).bytes));
            } catch (e) {
                return lib.it.throwSys('SecurityException', `Invalid key: ${(e as Error).message}`);
            }
        }
        case 'verifyhmac': {
            const mac = crypto
                .createHmac(algo(a[0]), (a[2] as ApexBlob).bytes)
                .update((a[1] as ApexBlob).bytes)
                .digest();
            return Buffer.from((a[3] as ApexBlob).bytes).equals(mac);
        }
        case 'generateaeskey':
            return new ApexBlob(new Uint8Array(crypto.randomBytes(a[0] / 8)));
    }
    return lib.it.throwSys('TypeException', `Method does not exist: Crypto.${n}`);
}

export function encodingStatic(lib: Platform, n: string, a: any[]): any {
    switch (n) {
        case 'base64encode':
            return Buffer.from((a[0] as ApexBlob).bytes).toString('base64');
        case 'base64decode':
            return new ApexBlob(new Uint8Array(Buffer.from(a[0], 'base64')));
        case 'urlencode':
            return encodeURIComponent(a[0])
                .replace(/%20/g, '+')
                .replace(/[!'()~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
        case 'urldecode':
            return decodeURIComponent(String(a[0]).replace(/\+/g, ' '));
        case 'converttohex':
            return Buffer.from((a[0] as ApexBlob).bytes).toString('hex');
        case 'convertfromhex':
            return new ApexBlob(new Uint8Array(Buffer.from(a[0], 'hex')));
        case 'base64urlencode':
            return Buffer.from((a[0] as ApexBlob).bytes).toString('base64url');
    }
    return lib.it.throwSys('TypeException', `Method does not exist: EncodingUtil.${n}`);
}
