/** Apex Blob: immutable bytes. */
export class ApexBlob {
    readonly bytes: Uint8Array;
    constructor(bytes: Uint8Array) {
        this.bytes = bytes;
    }
    static fromString(s: string): ApexBlob {
        return new ApexBlob(new Uint8Array(Buffer.from(s, 'utf8')));
    }
    toUtf8(): string {
        return Buffer.from(this.bytes).toString('utf8');
    }
    size(): number {
        return this.bytes.length;
    }
}
