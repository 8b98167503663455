import { Faults } from '../faults/catalog';
import type { EntityName, Json, Realm } from '../store/realm';
import { COMMON_META, isObject, loadForWrite, optionalString, rejectUnknownProperties } from './validation';

const ATTACHABLE_PROPERTIES = new Set([
    ...COMMON_META,
    'FileName',
    'Note',
    'Category',
    'ContentType',
    'Size',
    'AttachableRef',
    'FileAccessUri',
    'TempDownloadUri',
    'ThumbnailFileAccessUri',
    'ThumbnailTempDownloadUri',
    'Lat',
    'Long',
    'PlaceName',
    'Tag'
]);

/** Content types QBO accepts for attachments (its documented list of supported file types). */
const SUPPORTED_TYPES = new Set([
    'application/pdf',
    'image/png',
    'image/jpeg',
    'image/jpg',
    'image/gif',
    'image/tiff',
    'image/bmp',
    'text/plain',
    'text/csv',
    'text/xml',
    'application/xml',
    'application/rtf',
    'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.ms-excel',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.spreadsheet'
]);

const MAX_SIZE = 100 * 1024 * 1024;
const LINKABLE: Record<string, EntityName> = {
    Invoice: 'Invoice',
    Customer: 'Customer',
    Payment: 'Payment',
    Item: 'Item'
};

function checkRefs(realm: Realm, body: Json): Json[] {
    const refs = body.AttachableRef ?? [];
    if (!Array.isArray(refs)) throw Faults.malformedRequest('AttachableRef');
    return refs.map((ref: unknown, index: number) => {
        const element = `AttachableRef[${index}].EntityRef`;
        if (!isObject(ref) || !isObject(ref.EntityRef)) throw Faults.requiredParamMissing('EntityRef', element);
        const type = ref.EntityRef.type;
        const value = String(ref.EntityRef.value ?? '');
        const entity = LINKABLE[type];
        if (!entity) throw Faults.malformedRequest(`EntityRef.type:${type}`);
        if (!realm.find(entity, value)) throw Faults.invalidReference(entity, value, element);
        return { ...ref, EntityRef: { type, value } };
    });
}

/** A note-only Attachable (POST /attachable). */
export function createAttachable(realm: Realm, body: Json): Json {
    rejectUnknownProperties('Attachable', body, ATTACHABLE_PROPERTIES);
    optionalString(body, 'Note', 2000);
    const refs = checkRefs(realm, body);
    if (!body.Note && !body.FileName) throw Faults.requiredParamMissing('Note or FileName', 'Note');
    return realm.insert('Attachable', { ...body, AttachableRef: refs });
}

/** One file_metadata_NN / file_content_NN pair from POST /upload. */
export function uploadAttachment(
    realm: Realm,
    baseUrl: string,
    metadata: Json,
    fileName: string | undefined,
    contentType: string | undefined,
    content: Buffer
): Json {
    rejectUnknownProperties('Attachable', metadata, ATTACHABLE_PROPERTIES);
    const name = metadata.FileName ?? fileName;
    if (!name) throw Faults.requiredParamMissing('FileName', 'FileName');
    optionalString({ FileName: name }, 'FileName', 1000);
    const type = String(metadata.ContentType ?? contentType ?? '')
        .split(';')[0]
        .trim()
        .toLowerCase();
    if (!SUPPORTED_TYPES.has(type)) {
        throw Faults.businessValidation(
            `The file type ${type || '(none)'} is not supported for attachments.`,
            'ContentType'
        );
    }
    if (content.length === 0) throw Faults.businessValidation('The uploaded file is empty.', 'file_content');
    if (content.length > MAX_SIZE)
        throw Faults.businessValidation('The file is larger than the 100 MB limit.', 'file_content');
    const refs = checkRefs(realm, metadata);
    const id = realm.nextId('Attachable');
    const stored = realm.insert('Attachable', {
        ...metadata,
        Id: id,
        FileName: name,
        ContentType: type,
        Size: content.length,
        FileAccessUri: `/v3/company/${realm.id}/download/${id}`,
        TempDownloadUri: `${baseUrl}/__admin/realms/${realm.id}/attachments/${id}/content`,
        AttachableRef: refs
    });
    realm.state.attachmentContent[id] = content.toString('base64');
    return stored;
}

/** Links an uploaded file to entities or edits its note; file fields stay as uploaded. */
export function updateAttachable(realm: Realm, body: Json): Json {
    const existing = loadForWrite(realm, 'Attachable', body);
    rejectUnknownProperties('Attachable', body, ATTACHABLE_PROPERTIES);
    const { MetaData: _m, domain: _d, ...rest } = existing;
    void _m;
    void _d;
    const merged = body.sparse === true ? { ...rest, ...body } : { ...body };
    for (const fileField of ['FileName', 'ContentType', 'Size', 'FileAccessUri', 'TempDownloadUri']) {
        if (existing[fileField] !== undefined) merged[fileField] = existing[fileField];
    }
    delete merged.sparse;
    return realm.update('Attachable', { ...merged, Id: existing.Id, AttachableRef: checkRefs(realm, merged) });
}

export function deleteAttachable(realm: Realm, body: Json): Json {
    const existing = loadForWrite(realm, 'Attachable', body);
    realm.markDeleted('Attachable', existing.Id);
    return { domain: 'QBO', status: 'Deleted', Id: existing.Id };
}
