import { createElement } from 'lwc';
import getCompanies from '@salesforce/apex/QBItemMappingController.getCompanies';
import getMappings from '@salesforce/apex/QBItemMappingController.getMappings';
import searchItems from '@salesforce/apex/QBItemMappingController.searchItems';
import autoMatch from '@salesforce/apex/QBItemMappingController.autoMatch';
import saveMappings from '@salesforce/apex/QBItemMappingController.saveMappings';
import previewImport from '@salesforce/apex/QBItemMappingController.previewImport';
import validateMappings from '@salesforce/apex/QBItemMappingController.validateMappings';
import getTaxCodes from '@salesforce/apex/QBItemMappingController.getTaxCodes';
import getFallbackItem from '@salesforce/apex/QBItemMappingController.getFallbackItem';
import QbItemMappingEditor, { SEARCH_DEBOUNCE_MS } from 'c/qbItemMappingEditor';
import {
    buttonByLabel,
    chooseFile,
    chooseOption,
    clickButton,
    deepActiveElement,
    deepQueryAll,
    errorPanel,
    errorPanelMessage,
    fieldByLabel,
    flushPromises,
    hasButton,
    isButtonDisabled,
    nativeButton,
    nextTask,
    query,
    queryAll,
    setChecked,
    textOf,
    typeInto
} from '../../../test/uiTestUtils';
import COMPANIES from './data/getCompanies.json';
import MAPPINGS from './data/getMappings.json';
import MAPPINGS_UNMAPPED from './data/getMappingsUnmapped.json';
import ITEMS from './data/searchItems.json';
import PROPOSALS from './data/autoMatch.json';
import SAVE_OK from './data/saveMappingsOk.json';
import SAVE_REFUSED from './data/saveMappingsRefused.json';
import IMPORT_PREVIEW from './data/previewImport.json';
import IMPORT_NOTHING from './data/previewImportNothing.json';
import VALIDATION from './data/validateMappings.json';
import VALIDATION_CLEAN from './data/validateMappingsClean.json';
import TAX_CODES from './data/getTaxCodes.json';
import FALLBACK_ITEM from './data/getFallbackItem.json';

jest.mock('@salesforce/apex/QBItemMappingController.getCompanies', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/QBItemMappingController.getMappings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/QBItemMappingController.searchItems', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/QBItemMappingController.autoMatch', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/QBItemMappingController.saveMappings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/QBItemMappingController.previewImport', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/QBItemMappingController.validateMappings', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/QBItemMappingController.getTaxCodes', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/QBItemMappingController.getFallbackItem', () => ({ default: jest.fn() }), {
    virtual: true
});

const US = '9130350000000001';
const CANADA = '9130350000000002';
const HARDWARE_KIT = '01t5gA000000001ABA';
const IMPLEMENTATION = '01t5gA000000002ABA';
const PREMIUM_SUPPORT = '01t5gA000000003ABA';
const mockGetCompanies = getCompanies as jest.Mock;
const mockGetMappings = getMappings as jest.Mock;
const mockSearchItems = searchItems as jest.Mock;
const mockAutoMatch = autoMatch as jest.Mock;
const mockSaveMappings = saveMappings as jest.Mock;
const mockPreviewImport = previewImport as jest.Mock;
const mockValidateMappings = validateMappings as jest.Mock;
const mockGetTaxCodes = getTaxCodes as jest.Mock;
const mockGetFallbackItem = getFallbackItem as jest.Mock;

type Row = (typeof MAPPINGS)[number];

/** The row the editor sends to saveMappings: the MappingRow contract fields only. */
function contractRow(row: QbApex.MappingRow, changes: Partial<QbApex.MappingRow> = {}) {
    const merged = { ...row, ...changes };
    return {
        product2Id: merged.product2Id,
        productName: merged.productName,
        productCode: merged.productCode,
        family: merged.family,
        mappingId: merged.mappingId,
        realmId: US,
        qbItemId: merged.qbItemId,
        qbItemName: merged.qbItemName,
        taxable: merged.taxable,
        taxCode: merged.taxCode,
        status: merged.status
    };
}

function mapping(productId: string): Row {
    return MAPPINGS.find((row) => row.product2Id === productId)!;
}

async function renderEditor(): Promise<HTMLElement> {
    const element = createElement('c-qb-item-mapping-editor', { is: QbItemMappingEditor });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

async function renderWithRows(): Promise<HTMLElement> {
    mockGetCompanies.mockResolvedValue(COMPANIES);
    mockGetMappings.mockResolvedValue(MAPPINGS);
    return renderEditor();
}

function tableRows(element: HTMLElement): HTMLElement[] {
    return queryAll(element, 'tr[data-id="mapping-row"]');
}

/** The cells a user reads in the row of the table for a product. */
function rowText(element: HTMLElement, productName: string): string {
    const rows = tableRows(element).filter((row) => textOf(row).includes(productName));
    return textOf(rows[rows.length - 1] ?? null);
}

/** The tax code picker (or, when the codes cannot be read, text field) of a product's row. */
function taxCodeField(element: HTMLElement, productName: string): HTMLElement & { value?: string } {
    return fieldByLabel(element, `Tax code for ${productName}`);
}

function taxCodeChoices(element: HTMLElement, productName: string): string[] {
    const picker = taxCodeField(element, productName) as HTMLElement & { options?: { label: string }[] };
    return (picker.options ?? []).map((option) => option.label);
}

/** Presses the "Choose item" button a user sees in the row of `productName`. */
async function chooseItemFor(element: HTMLElement, productName: string): Promise<void> {
    const row = tableRows(element).find((candidate) => textOf(candidate).includes(productName))!;
    const buttons = deepQueryAll<HTMLButtonElement>(row, 'button').filter(
        (button) => button.textContent?.trim() === 'Choose item'
    );
    buttons[0].click();
    await nextTask();
}

beforeEach(() => {
    jest.useRealTimers();
    mockGetTaxCodes.mockResolvedValue(TAX_CODES);
    mockGetFallbackItem.mockResolvedValue(FALLBACK_ITEM);
});

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
    jest.useRealTimers();
});

describe('c-qb-item-mapping-editor table and filters', () => {
    it('opens on the default company and lists products with their QuickBooks item and status', async () => {
        const element = await renderWithRows();

        expect(mockGetMappings).toHaveBeenCalledWith({ realmId: US, unmappedOnly: false, searchTerm: '' });
        expect(rowText(element, 'Implementation Services')).toContain('IMPL-01');
        expect(rowText(element, 'Implementation Services')).toContain('Implementation (21)');
        expect(rowText(element, 'Implementation Services')).toContain('Mapped');
        expect(rowText(element, 'Hardware Kit')).toContain('Unmapped');
        expect(rowText(element, 'Hardware Kit')).toContain('—');
        expect(mockGetFallbackItem).toHaveBeenCalledWith({ realmId: US });
        expect(textOf(query(element, '[data-id="fallback"]'))).toBe(
            'Fallback item: Services (QuickBooks id 1), used for products without a mapping.'
        );
    });

    it('says when the fallback item is inactive or gone in QuickBooks', async () => {
        mockGetFallbackItem.mockResolvedValue({ ...FALLBACK_ITEM, active: false });
        let element = await renderWithRows();
        let fallback = query(element, '[data-id="fallback"]')!;
        expect(textOf(fallback)).toBe(
            'Fallback item: Services (QuickBooks id 1) is inactive in QuickBooks; deals with unmapped products fail until it is reactivated.'
        );
        expect(fallback.classList).toContain('slds-text-color_error');
        document.body.removeChild(document.body.firstChild!);

        mockGetFallbackItem.mockResolvedValue(null);
        element = await renderWithRows();
        fallback = query(element, '[data-id="fallback"]')!;
        expect(textOf(fallback)).toBe(
            'Fallback item: QuickBooks has no item with id 1; deals with unmapped products fail. Set an existing item as the fallback of Acme US.'
        );
        expect(fallback.classList).toContain('slds-text-color_error');
    });

    it('shows the fallback item id, and why, when QuickBooks cannot be read', async () => {
        mockGetFallbackItem.mockRejectedValue({ body: { message: 'Reconnect QuickBooks: the token expired.' } });
        const element = await renderWithRows();

        expect(textOf(query(element, '[data-id="fallback"]'))).toBe(
            'Fallback item: QuickBooks id 1 (its name could not be read: Reconnect QuickBooks: the token expired.), used for products without a mapping.'
        );
    });

    it("reloads for another company and shows that company's fallback item", async () => {
        const element = await renderWithRows();

        await chooseOption(element, 'QuickBooks company', CANADA);

        expect(mockGetMappings).toHaveBeenLastCalledWith({ realmId: CANADA, unmappedOnly: false, searchTerm: '' });
        expect(mockGetFallbackItem).toHaveBeenLastCalledWith({ realmId: CANADA });
        expect(textOf(query(element, '[data-id="fallback"]'))).toBe(
            'Fallback item: Services (QuickBooks id 1), used for products without a mapping.'
        );
    });

    it('warns that unmapped products stop the sync when the company has no fallback item', async () => {
        mockGetCompanies.mockResolvedValue([{ ...COMPANIES[0], fallbackItemId: null }]);
        mockGetMappings.mockResolvedValue(MAPPINGS);
        const element = await renderEditor();

        expect(textOf(query(element, '[data-id="fallback"]'))).toContain('No fallback item');
    });

    it('shows only unmapped products when asked', async () => {
        const element = await renderWithRows();
        mockGetMappings.mockResolvedValue(MAPPINGS_UNMAPPED);

        await setChecked(element, 'Unmapped only', true);

        expect(mockGetMappings).toHaveBeenLastCalledWith({ realmId: US, unmappedOnly: true, searchTerm: '' });
        expect(rowText(element, 'Implementation Services')).toBe('');
        expect(rowText(element, 'Hardware Kit')).toContain('Unmapped');
    });

    it('says every product is mapped when the unmapped list is empty', async () => {
        const element = await renderWithRows();
        mockGetMappings.mockResolvedValue([]);

        await setChecked(element, 'Unmapped only', true);

        expect(textOf(query(element, '[data-id="empty"]'))).toBe(
            'Every active product is mapped to a QuickBooks item in this company.'
        );
    });

    it('says there are no active products', async () => {
        mockGetCompanies.mockResolvedValue(COMPANIES);
        mockGetMappings.mockResolvedValue([]);
        const element = await renderEditor();

        expect(textOf(query(element, '[data-id="empty"]'))).toBe('There are no active products.');
        expect(query(element, '[data-id="mapping-table"]')).toBeNull();
    });

    it('searches products once the user pauses typing', async () => {
        jest.useFakeTimers();
        const element = await renderWithRows();
        mockGetMappings.mockClear();
        mockGetMappings.mockResolvedValue([]);

        await typeInto(element, 'Search products', 'har');
        await typeInto(element, 'Search products', 'hardware ');
        expect(mockGetMappings).not.toHaveBeenCalled();
        jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
        await flushPromises();

        expect(mockGetMappings).toHaveBeenCalledTimes(1);
        expect(mockGetMappings).toHaveBeenCalledWith({ realmId: US, unmappedOnly: false, searchTerm: 'hardware' });
        expect(textOf(query(element, '[data-id="empty"]'))).toBe('No active product matches "hardware".');
    });

    it('explains how to add a company when none is active', async () => {
        mockGetCompanies.mockResolvedValue([]);
        const element = await renderEditor();

        expect(textOf(query(element, '[data-id="no-companies"]'))).toContain('Custom Metadata Types');
        expect(mockGetMappings).not.toHaveBeenCalled();
    });

    it('shows a readable error when the user may not manage mappings, and loads again on Try again', async () => {
        mockGetCompanies.mockRejectedValueOnce({
            body: { message: 'Managing QuickBooks item mappings needs the QB_Administer_Sync custom permission.' }
        });
        const element = await renderEditor();
        expect(textOf(errorPanelMessage(element, 'load-state'))).toContain('QB_Administer_Sync');

        mockGetCompanies.mockResolvedValue(COMPANIES);
        mockGetMappings.mockResolvedValue(MAPPINGS);
        await clickButton(errorPanel(element, 'load-state'), 'Try again');

        expect(errorPanelMessage(element, 'load-state')).toBeNull();
        expect(rowText(element, 'Hardware Kit')).toContain('HW-KIT');
    });

    it('keeps the company list and retries only the products when they fail to load', async () => {
        mockGetCompanies.mockResolvedValue(COMPANIES);
        mockGetMappings.mockRejectedValueOnce({ body: { message: 'Product access denied.' } });
        const element = await renderEditor();
        expect(textOf(errorPanelMessage(element, 'load-state'))).toBe('Product access denied.');

        mockGetMappings.mockResolvedValue(MAPPINGS);
        await clickButton(errorPanel(element, 'load-state'), 'Try again');

        expect(mockGetCompanies).toHaveBeenCalledTimes(1);
        expect(rowText(element, 'Hardware Kit')).toContain('HW-KIT');
    });
});

describe('c-qb-item-mapping-editor inline edit and bulk save', () => {
    it("offers the company's QuickBooks tax codes in each row, and a stored code it no longer has", async () => {
        mockGetCompanies.mockResolvedValue(COMPANIES);
        mockGetMappings.mockResolvedValue([{ ...mapping(IMPLEMENTATION), taxCode: 'GST' }]);
        const element = await renderEditor();

        expect(mockGetTaxCodes).toHaveBeenCalledWith({ realmId: US });
        expect(taxCodeChoices(element, 'Implementation Services')).toEqual([
            'None',
            'TAX — Taxable',
            'NON — Not taxable',
            'GST (not a tax code of this company)'
        ]);
    });

    it('shows Save as soon as a tax code is picked', async () => {
        const element = await renderWithRows();
        expect(query(element, '[data-id="save-bar"]')).toBeNull();

        await chooseOption(element, 'Tax code for Hardware Kit', 'TAX');

        expect(hasButton(element, 'Save changes (1)')).toBe(true);
        expect(rowText(element, 'Hardware Kit')).toContain('Changed, not saved');
    });

    it('counts a change of only the tax code as a change, and a change undone as none', async () => {
        const element = await renderWithRows();

        await chooseOption(element, 'Tax code for Implementation Services', 'TAX');
        expect(hasButton(element, 'Save changes (1)')).toBe(true);

        await chooseOption(element, 'Tax code for Implementation Services', 'NON');
        expect(query(element, '[data-id="save-bar"]')).toBeNull();
        expect(rowText(element, 'Implementation Services')).toContain('Mapped');
    });

    it('takes the tax code as text, checked on save, when QuickBooks cannot list the codes', async () => {
        mockGetTaxCodes.mockRejectedValue({ body: { message: 'Reconnect QuickBooks: the token expired.' } });
        const element = await renderWithRows();

        expect(textOf(query(element, '[data-id="tax-codes-error"]'))).toContain('Reconnect QuickBooks');
        await typeInto(element, 'Tax code for Hardware Kit', 'T');

        expect(hasButton(element, 'Save changes (1)')).toBe(true);
    });

    it("reads the other company's tax codes when the company changes", async () => {
        const element = await renderWithRows();
        mockGetTaxCodes.mockResolvedValue([{ id: '3', name: 'Exempt', label: 'Exempt' }]);

        await chooseOption(element, 'QuickBooks company', CANADA);

        expect(mockGetTaxCodes).toHaveBeenLastCalledWith({ realmId: CANADA });
        expect(taxCodeChoices(element, 'Hardware Kit')).toEqual(['None', 'Exempt']);
    });

    it('keeps Taxable and a US TAX/NON tax code in agreement, whichever the admin changes', async () => {
        const element = await renderWithRows();
        const taxable = (name: string) =>
            (fieldByLabel(element, `Taxable: ${name}`) as HTMLElement & { checked?: boolean }).checked;

        await chooseOption(element, 'Tax code for Implementation Services', 'TAX');
        expect(taxable('Implementation Services')).toBe(true);
        await setChecked(element, 'Taxable: Implementation Services', false);
        expect(taxCodeField(element, 'Implementation Services').value).toBe('NON');
        expect(rowText(element, 'Implementation Services')).not.toContain('Changed, not saved');

        await setChecked(element, 'Taxable: Hardware Kit', true);
        expect(taxCodeField(element, 'Hardware Kit').value).toBe('');
    });

    it('collects edits in the table as drafts and saves them together', async () => {
        const element = await renderWithRows();
        mockSaveMappings.mockResolvedValue(SAVE_OK);

        await chooseOption(element, 'Tax code for Implementation Services', 'TAX');
        await setChecked(element, 'Taxable: Implementation Services', true);

        expect(taxCodeField(element, 'Implementation Services').value).toBe('TAX');
        expect(rowText(element, 'Implementation Services')).toContain('Changed, not saved');
        await clickButton(element, 'Save changes (1)');

        expect(mockSaveMappings).toHaveBeenCalledWith({
            realmId: US,
            rows: [contractRow(mapping(IMPLEMENTATION), { taxCode: 'TAX', taxable: true })]
        });
        expect(textOf(query(element, '[data-id="status"]'))).toBe('Saved 1 mapping.');
        expect(mockGetMappings).toHaveBeenCalledTimes(2);
        expect(query(element, '[data-id="save-bar"]')).toBeNull();
        expect(deepActiveElement()).toBe(query(element, '[data-id="status"]'));
    });

    it('lists every refused row, marks it in the table and keeps the drafts when nothing was saved', async () => {
        const element = await renderWithRows();
        const wholeSaveError = { message: 'Nothing was saved: another admin changed these mappings meanwhile.' };
        mockSaveMappings.mockResolvedValue({ ...SAVE_REFUSED, errors: [...SAVE_REFUSED.errors, wholeSaveError] });
        await chooseOption(element, 'Tax code for Hardware Kit', 'TAX');

        await clickButton(element, 'Save changes (1)');

        const errors = query(element, '[data-id="save-errors"]')!;
        expect(textOf(errors)).toContain('Nothing was saved.');
        expect(textOf(errors)).toContain(`Hardware Kit: ${SAVE_REFUSED.errors[0].message}`);
        expect(textOf(errors)).toContain(wholeSaveError.message);
        expect(deepActiveElement()).toBe(errors);
        expect(rowText(element, 'Hardware Kit')).toContain(SAVE_REFUSED.errors[0].message);
        expect(queryAll(element, '[data-id="row-error"]')).toHaveLength(1);
        expect(hasButton(element, 'Save changes (1)')).toBe(true);
        expect(mockGetMappings).toHaveBeenCalledTimes(1);
    });

    it('shows why a save failed outright', async () => {
        const element = await renderWithRows();
        mockSaveMappings.mockRejectedValue({ body: { message: 'Insufficient access to QB_Item_Mapping__c.' } });
        await chooseOption(element, 'Tax code for Hardware Kit', 'TAX');

        await clickButton(element, 'Save changes (1)');

        expect(textOf(query(element, '[data-id="action-error"]'))).toBe('Insufficient access to QB_Item_Mapping__c.');
        expect(isButtonDisabled(element, 'Save changes (1)')).toBe(false);
    });

    it('discards drafts on request', async () => {
        const element = await renderWithRows();
        await chooseOption(element, 'Tax code for Hardware Kit', 'TAX');

        await clickButton(element, 'Discard changes');

        expect(query(element, '[data-id="save-bar"]')).toBeNull();
        expect(taxCodeField(element, 'Hardware Kit').value).toBe('');
        expect(textOf(query(element, '[data-id="status"]'))).toBe('Changes discarded.');
        expect(mockSaveMappings).not.toHaveBeenCalled();
    });
});

describe('c-qb-item-mapping-editor item picker', () => {
    it('searches the live QuickBooks items as the user types and maps the chosen one', async () => {
        jest.useFakeTimers();
        const element = await renderWithRows();
        jest.useRealTimers();
        await chooseItemFor(element, 'Hardware Kit');
        jest.useFakeTimers();
        mockSearchItems.mockResolvedValue([
            ...ITEMS,
            { id: '32', name: 'Hardware (old)', type: 'NonInventory', active: false }
        ]);

        const picker = query(element, '[data-id="item-picker"]')!;
        expect(textOf(picker)).toContain('Choose the QuickBooks item for Hardware Kit');
        await typeInto(element, 'Search QuickBooks items', 'ha');
        await typeInto(element, 'Search QuickBooks items', 'hard');
        jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
        await flushPromises();

        expect(mockSearchItems).toHaveBeenCalledTimes(1);
        expect(mockSearchItems).toHaveBeenCalledWith({ realmId: US, searchTerm: 'hard' });
        expect(textOf(query(element, '[data-id="item-results"]'))).toContain('SKU HW-KIT · NonInventory');
        expect(textOf(query(element, '[data-id="item-results"]'))).toContain('NonInventory · inactive');
        expect(isButtonDisabled(element, 'Hardware (old)')).toBe(true);
        await clickButton(element, 'Hardware Kit');

        expect(query(element, '[data-id="item-picker"]')).toBeNull();
        expect(textOf(query(element, '[data-id="status"]'))).toBe('Hardware Kit → Hardware Kit. Not saved yet.');
        expect(rowText(element, 'Hardware Kit')).toContain('Hardware Kit (5)');
        expect(deepActiveElement()).toBe(nativeButton(buttonByLabel(element, 'Save changes (1)')));

        mockSaveMappings.mockResolvedValue(SAVE_OK);
        await clickButton(element, 'Save changes (1)');
        expect(mockSaveMappings).toHaveBeenCalledWith({
            realmId: US,
            rows: [contractRow(mapping(HARDWARE_KIT), { qbItemId: '5', qbItemName: 'Hardware Kit' })]
        });
    });

    it('says when no QuickBooks item matches, and when the search fails', async () => {
        jest.useFakeTimers();
        const element = await renderWithRows();
        jest.useRealTimers();
        await chooseItemFor(element, 'Hardware Kit');
        jest.useFakeTimers();

        mockSearchItems.mockResolvedValueOnce([]);
        await typeInto(element, 'Search QuickBooks items', 'gizmo');
        jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
        await flushPromises();
        expect(textOf(query(element, '[data-id="no-items"]'))).toBe('No QuickBooks item matches "gizmo".');

        mockSearchItems.mockRejectedValueOnce({ body: { message: 'QuickBooks needs you to reconnect.' } });
        await typeInto(element, 'Search QuickBooks items', 'gizmos');
        jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
        await flushPromises();
        expect(textOf(query(element, '[data-id="item-search-error"]'))).toBe('QuickBooks needs you to reconnect.');

        await typeInto(element, 'Search QuickBooks items', '');
        jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
        await flushPromises();
        expect(mockSearchItems).toHaveBeenCalledTimes(2);
    });

    it('removes the mapping of a mapped product', async () => {
        const element = await renderWithRows();
        await chooseItemFor(element, 'Premium Support');

        await clickButton(element, 'Remove mapping');

        expect(rowText(element, 'Premium Support')).toContain('—');
        mockSaveMappings.mockResolvedValue(SAVE_OK);
        await clickButton(element, 'Save changes (1)');
        expect(mockSaveMappings.mock.calls[0][0].rows[0]).toMatchObject({
            product2Id: PREMIUM_SUPPORT,
            qbItemId: null,
            qbItemName: null
        });
    });

    it('offers no Remove mapping for an unmapped product and closes on Cancel', async () => {
        const element = await renderWithRows();
        await chooseItemFor(element, 'Hardware Kit');
        expect(hasButton(element, 'Remove mapping')).toBe(false);

        await clickButton(element, 'Cancel');

        expect(query(element, '[data-id="item-picker"]')).toBeNull();
        expect(query(element, '[data-id="save-bar"]')).toBeNull();
    });
});

describe('c-qb-item-mapping-editor auto-match', () => {
    it('proposes matches for review and adds only the accepted ones as drafts', async () => {
        const element = await renderWithRows();
        mockAutoMatch.mockResolvedValue(PROPOSALS);

        await clickButton(element, 'Auto-match');

        expect(mockAutoMatch).toHaveBeenCalledWith({ realmId: US });
        const proposals = queryAll(element, '[data-id="proposal"]');
        expect(proposals).toHaveLength(2);
        expect(textOf(proposals[0])).toContain('Hardware Kit (5)');
        expect(textOf(proposals[0])).toContain('SKU = product code');
        expect(textOf(proposals[1])).toContain('Widget XL (6)');
        expect(deepActiveElement()).toBe(query(element, '[data-focus="proposals"]'));

        await setChecked(element, 'Accept Widget XL for Widget, Large "XL"', false);
        await clickButton(element, 'Apply selected (1)');

        expect(query(element, '[data-id="proposals"]')).toBeNull();
        expect(textOf(query(element, '[data-id="status"]'))).toBe('1 proposed mapping added. Review and save.');
        mockSaveMappings.mockResolvedValue(SAVE_OK);
        await clickButton(element, 'Save changes (1)');
        expect(mockSaveMappings).toHaveBeenCalledWith({
            realmId: US,
            rows: [contractRow(mapping(HARDWARE_KIT), { qbItemId: '5', qbItemName: 'Hardware Kit', taxable: false })]
        });
    });

    it('disables Apply when every proposal is unticked, and discards proposals', async () => {
        const element = await renderWithRows();
        mockAutoMatch.mockResolvedValue([{ ...PROPOSALS[0], matchedBy: 'Name' }]);
        await clickButton(element, 'Auto-match');
        expect(textOf(query(element, '[data-id="proposal"]'))).toContain('Same name');

        await setChecked(element, 'Accept Hardware Kit for Hardware Kit', false);
        expect(isButtonDisabled(element, 'Apply selected (0)')).toBe(true);
        await clickButton(element, 'Discard proposals');

        expect(query(element, '[data-id="proposals"]')).toBeNull();
        expect(query(element, '[data-id="save-bar"]')).toBeNull();
    });

    it('says when nothing could be matched', async () => {
        const element = await renderWithRows();
        mockAutoMatch.mockResolvedValue([]);

        await clickButton(element, 'Auto-match');

        expect(textOf(query(element, '[data-id="no-proposals"]'))).toContain('No unmapped product');
        await clickButton(element, 'Discard proposals');
        expect(query(element, '[data-id="proposals"]')).toBeNull();
    });

    it('shows why auto-match failed', async () => {
        const element = await renderWithRows();
        mockAutoMatch.mockRejectedValue({ body: { message: 'QuickBooks is rate limiting; try again in a minute.' } });

        await clickButton(element, 'Auto-match');

        const error = query(element, '[data-id="action-error"]')!;
        expect(textOf(error)).toBe('QuickBooks is rate limiting; try again in a minute.');
        expect(deepActiveElement()).toBe(error);
    });
});

describe('c-qb-item-mapping-editor CSV export and import', () => {
    it('downloads the mapping spreadsheet with the columns the import reads', async () => {
        const element = await renderWithRows();
        const link = query<HTMLAnchorElement>(element, 'a[data-id="download"]')!;
        const downloads: { href: string; name: string }[] = [];
        link.addEventListener('click', (event) => {
            downloads.push({ href: link.href, name: link.download });
            event.preventDefault();
        });

        await clickButton(element, 'Export CSV');

        expect(downloads).toHaveLength(1);
        expect(downloads[0].name).toBe(`quickbooks-item-mappings-${US}.csv`);
        const [prefix, payload] = [
            downloads[0].href.slice(0, downloads[0].href.indexOf(',')),
            downloads[0].href.slice(downloads[0].href.indexOf(',') + 1)
        ];
        expect(prefix).toBe('data:text/csv;charset=utf-8');
        expect(decodeURIComponent(payload)).toBe(
            [
                'Product Code,Product Name,QBO Item Id,QBO Item Name,Taxable,Tax Code',
                'HW-KIT,Hardware Kit,,,,',
                'IMPL-01,Implementation Services,21,Implementation,No,NON',
                'SUP-PREM,Premium Support,2,Support,No,NON',
                'WID-XL,"Widget, Large ""XL""",,,,',
                ''
            ].join('\r\n')
        );
        expect(textOf(query(element, '[data-id="status"]'))).toContain('Exported 4 products');
    });

    it('previews an import, lists the bad rows, and applies only the changes', async () => {
        const element = await renderWithRows();
        mockPreviewImport.mockResolvedValue(IMPORT_PREVIEW);
        const csv = 'Product Code,QBO Item Id\r\nSUP-PREM,45\r\n';

        await chooseFile(element, 'Import CSV', new File([csv], 'mappings.csv', { type: 'text/csv' }));

        expect(mockPreviewImport).toHaveBeenCalledWith({ realmId: US, csv });
        expect(textOf(query(element, '[data-id="import-summary"]'))).toBe(
            '1 change, 0 unchanged, 2 rows that cannot be applied.'
        );
        const change = query(element, '[data-id="import-change"]')!;
        expect(textOf(change)).toContain('Premium Support');
        expect(textOf(change)).toContain('Support');
        expect(textOf(change)).toContain('Premium Support Plan (7)');
        expect(textOf(query(element, '[data-id="import-bad-rows"]'))).toContain(
            'Line 4: No active product has the code "NOPE-1".'
        );
        expect(deepActiveElement()).toBe(query(element, '[data-focus="import-preview"]'));

        mockSaveMappings.mockResolvedValue(SAVE_OK);
        await clickButton(element, 'Apply 1 change');

        expect(mockSaveMappings).toHaveBeenCalledWith({
            realmId: US,
            rows: [contractRow(IMPORT_PREVIEW.changes[0])]
        });
        expect(query(element, '[data-id="import-preview"]')).toBeNull();
        expect(textOf(query(element, '[data-id="status"]'))).toBe('Imported 1 mapping.');
        expect(mockGetMappings).toHaveBeenCalledTimes(2);
    });

    it('shows a removed mapping as such and sends it with no item', async () => {
        const element = await renderWithRows();
        const removal = {
            ...mapping(PREMIUM_SUPPORT),
            qbItemId: null,
            qbItemName: null,
            taxable: false,
            taxCode: null,
            previousItemId: '2',
            previousItemName: 'Support'
        };
        mockPreviewImport.mockResolvedValue({ changes: [removal], badRows: [], unchangedCount: 3 });

        await chooseFile(element, 'Import CSV', new File(['x'], 'mappings.csv', { type: 'text/csv' }));

        const change = query(element, '[data-id="import-change"]')!;
        expect(textOf(change)).toContain('Support (2)');
        expect(textOf(change)).toContain('No item (mapping removed)');
        mockSaveMappings.mockResolvedValue(SAVE_OK);
        await clickButton(element, 'Apply 1 change');
        expect(mockSaveMappings.mock.calls[0][0].rows[0]).toMatchObject({
            product2Id: PREMIUM_SUPPORT,
            qbItemId: null
        });
    });

    it('shows a tax-only change as such: the item unchanged, the tax code from before to after', async () => {
        const element = await renderWithRows();
        const taxOnly = {
            ...mapping(PREMIUM_SUPPORT),
            taxable: true,
            taxCode: 'TAX',
            previousItemId: mapping(PREMIUM_SUPPORT).qbItemId,
            previousItemName: mapping(PREMIUM_SUPPORT).qbItemName
        };
        mockPreviewImport.mockResolvedValue({ changes: [taxOnly], badRows: [], unchangedCount: 3 });

        await chooseFile(element, 'Import CSV', new File(['x'], 'mappings.csv', { type: 'text/csv' }));

        const cells = queryAll(query(element, '[data-id="import-change"]')!, 'td').map((cell) => textOf(cell));
        expect(cells[0]).toBe('Support (2)');
        expect(cells[1]).toBe('Unchanged');
        expect(cells[3]).toBe('NON → TAX');
    });

    it('keeps the preview open with the refusal when applying the import fails', async () => {
        const element = await renderWithRows();
        mockPreviewImport.mockResolvedValue(IMPORT_PREVIEW);
        mockSaveMappings.mockResolvedValue(SAVE_REFUSED);
        await chooseFile(element, 'Import CSV', new File(['x'], 'mappings.csv'));

        await clickButton(element, 'Apply 1 change');

        expect(query(element, '[data-id="import-preview"]')).not.toBeNull();
        expect(textOf(query(element, '[data-id="save-errors"]'))).toContain(SAVE_REFUSED.errors[0].message);
    });

    it('cannot apply an import without changes, and cancels it', async () => {
        const element = await renderWithRows();
        mockPreviewImport.mockResolvedValue(IMPORT_NOTHING);
        await chooseFile(element, 'Import CSV', new File(['x'], 'mappings.csv'));

        expect(textOf(query(element, '[data-id="import-summary"]'))).toBe(
            '0 changes, 0 unchanged, 1 row that cannot be applied.'
        );
        expect(isButtonDisabled(element, 'Apply 0 changes')).toBe(true);
        await clickButton(element, 'Cancel import');

        expect(query(element, '[data-id="import-preview"]')).toBeNull();
        expect(deepActiveElement()).toBe(query(element, '[data-focus="table"]'));
    });

    it('shows why a file could not be read as a mapping spreadsheet', async () => {
        const element = await renderWithRows();
        mockPreviewImport.mockRejectedValue({
            body: { message: 'The header needs a Product Code or Product Name column.' }
        });

        await chooseFile(element, 'Import CSV', new File(['a,b'], 'bad.csv'));

        expect(textOf(query(element, '[data-id="action-error"]'))).toBe(
            'The header needs a Product Code or Product Name column.'
        );
        expect(query(element, '[data-id="import-preview"]')).toBeNull();
    });
});

describe('c-qb-item-mapping-editor validation against QuickBooks', () => {
    it('flags deleted and renamed items in the report and in the table, with the fallback item state', async () => {
        const element = await renderWithRows();
        mockValidateMappings.mockResolvedValue(VALIDATION);

        await clickButton(element, 'Validate against QuickBooks');

        expect(mockValidateMappings).toHaveBeenCalledWith({ realmId: US });
        expect(textOf(query(element, '[data-id="validation-summary"]'))).toBe(
            '2 of 2 mappings no longer match QuickBooks.'
        );
        const issues = queryAll(element, '[data-id="validation-issue"]');
        expect(textOf(issues[0])).toContain('Implementation Services');
        expect(textOf(issues[0])).toContain('Deleted');
        expect(textOf(issues[1])).toContain('Consulting');
        expect(textOf(issues[1])).toContain('Renamed');
        expect(textOf(query(element, '[data-id="validation-fallback"]'))).toBe(
            'Fallback item: Services (id 1) is active.'
        );
        expect(rowText(element, 'Implementation Services')).toContain('Item deleted in QuickBooks');
        expect(rowText(element, 'Premium Support')).toContain('Item renamed in QuickBooks');
        expect(deepActiveElement()).toBe(query(element, '[data-focus="validation"]'));

        await clickButton(element, 'Close validation');
        expect(query(element, '[data-id="validation"]')).toBeNull();
        expect(deepActiveElement()).toBe(query(element, '[data-focus="table"]'));
        expect(rowText(element, 'Premium Support')).toContain('Mapped');
    });

    it('confirms clean mappings and warns about a missing fallback item', async () => {
        const element = await renderWithRows();
        mockValidateMappings.mockResolvedValue(VALIDATION_CLEAN);

        await clickButton(element, 'Validate against QuickBooks');

        expect(textOf(query(element, '[data-id="validation-summary"]'))).toBe('All 2 mappings match QuickBooks.');
        const fallback = query(element, '[data-id="validation-fallback"]')!;
        expect(textOf(fallback)).toBe('Fallback item: Not configured.');
        expect(fallback.classList).toContain('slds-text-color_error');
    });

    it('shows why validation could not run', async () => {
        const element = await renderWithRows();
        mockValidateMappings.mockRejectedValue({ body: { message: 'Reconnect QuickBooks: the token expired.' } });

        await clickButton(element, 'Validate against QuickBooks');

        expect(textOf(query(element, '[data-id="action-error"]'))).toBe('Reconnect QuickBooks: the token expired.');
    });
});
