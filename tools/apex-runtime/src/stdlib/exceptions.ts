/**
 * Methods every Apex object has (equals, hashCode, toString) and those of exceptions (getMessage, getDmlType …).
 */
import { ApexList, ApexObject, T } from '../interpreter/objects';
import type { Platform } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

export function objectMethod(lib: Platform, o: ApexObject, n: string, a: any[], name: string): any {
    const it = lib.it;
    if (o.cls.isSubclassOf(it.exceptionBase)) {
        const st = o.native ?? (o.native = {});
        switch (n) {
            case 'getmessage':
                // Apex reads an AuraHandledException's constructor message as 'Script-thrown exception' (only the
                // client receives it) until setMessage sets one (Lightning Aura Components Developer Guide › Returning
                // Errors from an Apex Server-Side Controller; apex-recipes' AuraEnabledRecipes_Tests rely on it)
                if (o.cls.builtin && o.cls.name === 'AuraHandledException' && !st.messageSet)
                    return 'Script-thrown exception';
                return st.message ?? null;
            case 'setmessage':
                st.message = a[0];
                st.messageSet = true;
                return null;
            case 'getcause':
                return st.cause ?? null;
            case 'initcause':
                st.cause = a[0];
                return null;
            case 'gettypename':
                return it.exceptionTypeName(o);
            case 'getlinenumber':
                return st.line ?? -1;
            case 'getstacktracestring':
                return st.stack ?? '';
            case 'tostring':
                return it.str(o);
            case 'getnumdml':
                return (st.dmlErrors ?? []).length;
            case 'getdmlmessage':
                return st.dmlErrors?.[a[0]]?.message ?? null;
            case 'getdmltype':
                return st.dmlErrors?.[a[0]] ? lib.enumOf('statuscode', st.dmlErrors[a[0]].statusCode) : null;
            case 'getdmlstatuscode':
                return st.dmlErrors?.[a[0]]?.statusCode ?? null;
            case 'getdmlfieldnames':
                return new ApexList(T('String'), st.dmlErrors?.[a[0]]?.fields ?? []);
            case 'getdmlid':
                return st.dmlErrors?.[a[0]]?.id ?? null;
            case 'getdmlindex':
                return st.dmlErrors?.[a[0]]?.index ?? null;
        }
    }
    switch (n) {
        case 'equals':
            return o === a[0];
        case 'hashcode':
            return 0;
        case 'tostring':
            return it.str(o);
    }
    return it.throwSys('TypeException', `Method does not exist or incorrect signature: ${o.cls.displayName}.${name}`);
}
