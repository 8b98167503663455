/**
 * Which sharing mode a method runs in: whether its plain SOQL and DML (system mode) see and change only the records
 * the running user may access. User mode (`WITH USER_MODE`, `AccessLevel.USER_MODE`) always enforces sharing; in
 * system mode "the record sharing rules are controlled by the class sharing keywords" (Apex Reference › AccessLevel
 * Class). From the Apex Developer Guide, "Use the with sharing, without sharing, and inherited sharing Keywords" and
 * "Apex Security and Sharing Model" (Versioned Behavior Changes):
 * - `with sharing` enforces sharing, `without sharing` does not, whoever calls; the setting of the class where the
 *   method is defined applies, to its initialisation code, constructors and methods alike; inner classes do not take
 *   their container's setting; a class without a keyword takes its superclass's ("classes inherit this setting from
 *   a parent class when one class extends … another").
 * - `inherited sharing` runs in the caller's mode, and as `with sharing` at an entry point to the transaction.
 * - No keyword, API version 66.0 and earlier: the caller's mode; at an entry point `without sharing`, except an Aura
 *   controller or @AuraEnabled method called from Lightning (`with sharing`). API version 67.0 and later (or any
 *   class of its inheritance chain saved at 67.0 or later): `with sharing`.
 * - Anonymous Apex runs "using the sharing rules of the current user" (Enforce Sharing Rules); triggers run in system
 *   context ("system-level operations such as triggers"), so what they call without a keyword does not enforce it.
 * - In a test, a `System.runAs` block enforces the user's record sharing "regardless of the sharing mode of the test
 *   class"; a method it calls runs in the mode of the class where the method is defined (Using the runAs Method).
 */
import * as fs from 'fs';
import type { ClassInfo } from './objects';

export type SharingDeclaration = 'with' | 'without' | 'inherited' | null;

/** The API version from which a class without a keyword runs `with sharing`. */
const WITH_SHARING_BY_DEFAULT_FROM = 67;

const declarations = new WeakMap<ClassInfo, SharingDeclaration>();
const apiVersions = new Map<string, number | null>();

function apiVersionOf(file: string): number | null {
    let version = apiVersions.get(file);
    if (version === undefined) {
        version = null;
        try {
            const m = /<apiVersion>\s*([\d.]+)\s*<\/apiVersion>/.exec(fs.readFileSync(`${file}-meta.xml`, 'utf8'));
            if (m) version = Number(m[1]);
        } catch {
            // no -meta.xml (anonymous Apex, test fixtures): the project's API version is not known, take 66.0's rules
        }
        apiVersions.set(file, version);
    }
    return version;
}

function keywordOf(cls: ClassInfo): SharingDeclaration {
    const mods = cls.decl.mods;
    if (mods.has('withsharing')) return 'with';
    if (mods.has('withoutsharing')) return 'without';
    if (mods.has('inheritedsharing')) return 'inherited';
    return null;
}

/** A class's effective declaration: its keyword, its superclass's, or `with` at API version 67.0 and later. */
export function sharingDeclarationOf(cls: ClassInfo): SharingDeclaration {
    const known = declarations.get(cls);
    if (known !== undefined) return known;
    let declaration: SharingDeclaration = null;
    let newApi = false;
    for (let c: ClassInfo | null = cls; c && !c.builtin; c = c.superclass) {
        declaration = keywordOf(c);
        if (declaration) break;
        const version = apiVersionOf(c.decl.file);
        if (version !== null && version >= WITH_SHARING_BY_DEFAULT_FROM) newApi = true;
    }
    if (!declaration && newApi) declaration = 'with';
    declarations.set(cls, declaration);
    return declaration;
}

/**
 * Whether a method of `cls` enforces sharing: `caller` is the calling code's mode, null at an entry point to the
 * transaction; `lightningEntry` marks an @AuraEnabled method called from Lightning.
 */
export function enforcesSharing(cls: ClassInfo | null, caller: boolean | null, lightningEntry = false): boolean {
    const declaration = cls ? sharingDeclarationOf(cls) : null;
    if (declaration === 'with') return true;
    if (declaration === 'without') return false;
    if (caller !== null) return caller;
    return declaration === 'inherited' || lightningEntry;
}
