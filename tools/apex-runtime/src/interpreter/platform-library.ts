/**
 * What the evaluator asks of the platform library (stdlib/builtins.ts implements it): built-in types and their
 * static and instance members, construction, and the sObject, DML and SOQL glue onto the org. The evaluator holds
 * this contract, not the library, so the library's modules can use the evaluator without an import cycle.
 */
import type { CallExpr, SoqlExpr, TypeRef } from '../loader/ast';
import type { Frame, TypeHandle } from './frame';
import type { ApexList, ApexObject, ClassInfo, NativeObject, SObjectTypeToken, TypeToken } from './objects';
import type { SObjectLike } from './sobjects';

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface PlatformLibrary {
    isBuiltinType(lowerCaseName: string): boolean;
    /** Fails with UnsupportedFeature when the (lower-case) type name is in a platform namespace not modelled. */
    failIfNotModelledNamespace(lowerCaseName: string): void;
    /** The key a value has in a Set or Map (hashCode/equals for Apex objects that define them). */
    key(value: any): any;
    normalizeId(id: string): string;
    typeToken(type: TypeRef, from: ClassInfo | null): TypeToken;

    listGet(list: ApexList, index: any): any;
    listSet(list: ApexList, index: any, value: any): void;
    makeIterator(items: any[]): NativeObject;

    newBuiltin(handle: TypeHandle, type: TypeRef, args: any[], frame: Frame): any;
    constructNative(cls: ClassInfo, args: any[]): ApexObject | null;
    /** An instance with field initialisers run but no constructor (JSON.deserialize). */
    blankInstance(cls: ClassInfo): ApexObject;

    getStaticProperty(handle: TypeHandle, name: string, frame: Frame): any;
    setStaticProperty(handle: TypeHandle, name: string, value: any): boolean;
    getProperty(target: any, name: string, frame: Frame): any;
    setNativeProperty(target: NativeObject, name: string, value: any): boolean;
    callStatic(handle: TypeHandle, lowerCaseName: string, args: any[], frame: Frame, call: CallExpr): any;
    callInstance(target: any, lowerCaseName: string, args: any[], line: number, name?: string): any;
    enumStatic(enumClass: ClassInfo, lowerCaseName: string, args: any[]): any;

    newSObject(objectName: string): SObjectLike;
    sobjectPut(record: SObjectLike, field: string, value: any, fromJson?: boolean): void;
    sobjectFieldType(objectName: string, field: string): TypeRef;
    sobjectTypeToken(objectName: string): SObjectTypeToken | null;
    dmlStatement(
        operation: string,
        records: any,
        accessLevel: string,
        externalIdField: string | null,
        frame: Frame
    ): void;
    compileInlineSoql(query: SoqlExpr): any;
    runQuery(query: any, resolveBind: (bind: any) => any, accessLevel: string | null, frame: Frame): any;
    runAs(user: any, body: () => number | undefined): number | undefined;
}
