import { LightningElement } from 'lwc';
import getCompanies from '@salesforce/apex/QBItemMappingController.getCompanies';
import getMappings from '@salesforce/apex/QBItemMappingController.getMappings';
import searchItems from '@salesforce/apex/QBItemMappingController.searchItems';
import autoMatch from '@salesforce/apex/QBItemMappingController.autoMatch';
import saveMappings from '@salesforce/apex/QBItemMappingController.saveMappings';
import previewImport from '@salesforce/apex/QBItemMappingController.previewImport';
import validateMappings from '@salesforce/apex/QBItemMappingController.validateMappings';
import getTaxCodes from '@salesforce/apex/QBItemMappingController.getTaxCodes';
import getFallbackItem from '@salesforce/apex/QBItemMappingController.getFallbackItem';
import { errorMessage } from 'c/qbUtils';
import { csvDataUrl, mappingsToCsv, readFileText } from './mappingCsv';

export const SEARCH_DEBOUNCE_MS = 300;

/** The fields of a mapping the editor changes before saving. */
/**
 * QuickBooks' US placeholders TAX and NON are the Taxable checkbox spelled as a code (QBTaxCodeRules); other
 * companies' tax code ids are numbers, so these two never name anything else.
 */
const US_TAXABLE_BY_CODE = new Map<string, boolean>([
    ['TAX', true],
    ['NON', false]
]);

type MappingDraft = Partial<Pick<QbApex.MappingRow, 'qbItemId' | 'qbItemName' | 'taxable' | 'taxCode'>>;

interface MappingRowView extends QbApex.MappingRow {
    productDetail: string;
    itemLabel: string;
    chooseTitle: string;
    taxableLabel: string;
    taxCodeLabel: string;
    taxCodeOptions: Option[];
    statusText: string;
    statusClass: string;
    rowClass: string;
    error: string | null;
}

interface Option {
    label: string;
    value: string;
}

interface ImportChangeView extends QbApex.MappingRow {
    beforeText: string;
    afterText: string;
    taxCodeText: string;
}

interface ProposalView extends QbApex.MappingRow {
    accepted: boolean;
    acceptLabel: string;
    matchedByText: string;
}

interface RowErrorView {
    key: string;
    text: string;
}

/** Whether a draft field equals the stored one as the server saves it (trimmed; blank is none). */
function sameValue(field: keyof MappingDraft, draft: unknown, stored: unknown): boolean {
    if (field === 'taxable') {
        return Boolean(draft) === Boolean(stored);
    }
    const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '') || null;
    return text(draft) === text(stored);
}

/**
 * The Item Mapping tab: which QuickBooks item each product becomes on an invoice, per company. Edits in the table
 * (taxable, tax code), item picks, auto-match proposals and CSV imports all become drafts that are saved together,
 * all or nothing. Tax codes are picked from the company's QuickBooks tax codes; the server checks each again on save.
 */
export default class QbItemMappingEditor extends LightningElement {
    companies: QbApex.Company[] = [];
    realmId = '';
    rows: QbApex.MappingRow[] = [];
    unmappedOnly = false;
    searchTerm = '';
    isLoading = false;
    loadError: string | null = null;

    drafts: Record<string, MappingDraft> = {};
    isSaving = false;
    statusMessage: string | null = null;
    actionError: string | null = null;
    saveErrors: RowErrorView[] = [];
    rowErrors: Record<string, string> = {};

    pickerRow: QbApex.MappingRow | null = null;
    itemSearchTerm = '';
    itemResults: QbApex.QboItem[] | null = null;
    isSearchingItems = false;
    itemSearchError: string | null = null;

    proposals: ProposalView[] | null = null;
    isMatching = false;

    importPreview: QbApex.ImportPreview | null = null;
    isImporting = false;

    /** The company's tax codes for the picker; null until read (or when they cannot be read: a text field then). */
    taxCodes: QbApex.TaxCodeOption[] | null = null;
    taxCodesError: string | null = null;

    /** The fallback item as QuickBooks has it: undefined until read, null when QuickBooks has no such item. */
    fallbackItem: QbApex.QboItem | null | undefined = undefined;
    fallbackItemError: string | null = null;

    validation: QbApex.ValidationReport | null = null;
    isValidating = false;

    downloadUrl = '';
    downloadName = '';

    private searchTimer: ReturnType<typeof setTimeout> | undefined;
    private itemSearchTimer: ReturnType<typeof setTimeout> | undefined;
    private requestNumber = 0;
    private focusTarget: string | null = null;
    private downloadPending = false;

    connectedCallback(): void {
        this.loadCompanies();
    }

    disconnectedCallback(): void {
        clearTimeout(this.searchTimer);
        clearTimeout(this.itemSearchTimer);
    }

    renderedCallback(): void {
        if (this.downloadPending) {
            this.downloadPending = false;
            this.template?.querySelector<HTMLAnchorElement>('a[data-id="download"]')?.click();
        }
        if (this.focusTarget) {
            const target = this.template?.querySelector<HTMLElement>(`[data-focus="${this.focusTarget}"]`);
            if (target) {
                this.focusTarget = null;
                target.focus();
            }
        }
    }

    get hasCompanies(): boolean {
        return this.companies.length > 0;
    }

    get noCompanies(): boolean {
        return !this.isLoading && !this.loadError && this.companies.length === 0;
    }

    get companyOptions(): { label: string; value: string }[] {
        return this.companies.map((company) => ({
            label: company.environment ? `${company.name} (${company.environment})` : (company.name ?? company.realmId),
            value: company.realmId
        }));
    }

    get selectedCompany(): QbApex.Company | undefined {
        return this.companies.find((company) => company.realmId === this.realmId);
    }

    /** The fallback item by its QuickBooks name (read when the company opens), the id second. */
    get fallbackText(): string {
        const company = this.selectedCompany;
        if (!company?.fallbackItemId) {
            return 'No fallback item: products without a mapping stop the sync of their deal.';
        }
        const id = company.fallbackItemId;
        const item = this.fallbackItem;
        if (item === null) {
            return `Fallback item: QuickBooks has no item with id ${id}; deals with unmapped products fail. Set an existing item as the fallback of ${company.name ?? company.realmId}.`;
        }
        const name = item?.name ?? company.fallbackItemName;
        if (item && item.active === false) {
            return `Fallback item: ${name} (QuickBooks id ${id}) is inactive in QuickBooks; deals with unmapped products fail until it is reactivated.`;
        }
        const described = name
            ? `${name} (QuickBooks id ${id})`
            : this.fallbackItemError
              ? `QuickBooks id ${id} (its name could not be read: ${this.fallbackItemError})`
              : `QuickBooks id ${id}`;
        return `Fallback item: ${described}, used for products without a mapping.`;
    }

    get fallbackClass(): string {
        const broken = this.fallbackItem === null || this.fallbackItem?.active === false;
        return `slds-text-body_small slds-m-top_x-small${broken ? ' slds-text-color_error' : ''}`;
    }

    get hasTaxCodes(): boolean {
        return this.taxCodes !== null;
    }

    /** None, the company's codes, and a stored code the company no longer has (so the row still shows it). */
    private taxCodeOptionsFor(taxCode: string): Option[] {
        const options = [
            { label: 'None', value: '' },
            ...(this.taxCodes ?? []).map((code) => ({ label: code.label ?? code.name ?? code.id, value: code.id }))
        ];
        if (taxCode && !options.some((option) => option.value === taxCode)) {
            options.push({ label: `${taxCode} (not a tax code of this company)`, value: taxCode });
        }
        return options;
    }

    get viewRows(): MappingRowView[] {
        const issues = new Map((this.validation?.issues ?? []).map((issue) => [issue.product2Id, issue]));
        return this.rows.map((row) => {
            const draft = this.drafts[row.product2Id];
            const merged = { ...row, ...draft };
            const issue = issues.get(row.product2Id);
            const error = this.rowErrors[row.product2Id] ?? null;
            let statusText = row.status ?? '';
            let statusClass = row.status === 'Mapped' ? 'slds-text-color_success' : 'slds-text-color_weak';
            if (draft) {
                statusText = 'Changed, not saved';
                statusClass = 'slds-text-title_bold';
            } else if (issue) {
                statusText = `Item ${(issue.problem ?? '').toLowerCase()} in QuickBooks`;
                statusClass = 'slds-text-color_error';
            }
            return {
                ...merged,
                productDetail: [row.productCode, row.family].filter(Boolean).join(' · '),
                itemLabel: merged.qbItemId ? `${merged.qbItemName ?? ''} (${merged.qbItemId})`.trim() : '—',
                chooseTitle: `Choose the QuickBooks item for ${row.productName ?? ''}`,
                taxableLabel: `Taxable: ${row.productName ?? ''}`,
                taxCodeLabel: `Tax code for ${row.productName ?? ''}`,
                taxable: merged.taxable === true,
                taxCode: merged.taxCode ?? '',
                taxCodeOptions: this.taxCodeOptionsFor(merged.taxCode ?? ''),
                statusText,
                statusClass,
                rowClass: error ? 'slds-hint-parent slds-has-error' : 'slds-hint-parent',
                error
            };
        });
    }

    get draftCount(): number {
        return Object.keys(this.drafts).length;
    }

    get hasDrafts(): boolean {
        return this.draftCount > 0;
    }

    get saveLabel(): string {
        return `Save changes (${this.draftCount})`;
    }

    get hasRows(): boolean {
        return this.rows.length > 0;
    }

    get isEmpty(): boolean {
        return this.hasCompanies && !this.isLoading && !this.loadError && this.rows.length === 0;
    }

    get emptyText(): string {
        if (this.searchTerm) {
            return `No active product matches "${this.searchTerm}".`;
        }
        return this.unmappedOnly
            ? 'Every active product is mapped to a QuickBooks item in this company.'
            : 'There are no active products.';
    }

    get hasSaveErrors(): boolean {
        return this.saveErrors.length > 0;
    }

    get pickerTitle(): string {
        return `Choose the QuickBooks item for ${this.pickerRow?.productName ?? ''}`;
    }

    get pickerHasMapping(): boolean {
        const row = this.pickerRow;
        return Boolean(row && { ...row, ...this.drafts[row.product2Id] }.qbItemId);
    }

    get itemOptions(): (QbApex.QboItem & { detail: string; disabled: boolean })[] {
        return (this.itemResults ?? []).map((item) => ({
            ...item,
            detail: [item.sku ? `SKU ${item.sku}` : '', item.type ?? '', item.active === false ? 'inactive' : '']
                .filter(Boolean)
                .join(' · '),
            disabled: item.active === false
        }));
    }

    get noItemsFound(): boolean {
        return this.itemResults !== null && this.itemResults.length === 0 && !this.isSearchingItems;
    }

    get acceptedProposalCount(): number {
        return (this.proposals ?? []).filter((proposal) => proposal.accepted).length;
    }

    get applyProposalsLabel(): string {
        return `Apply selected (${this.acceptedProposalCount})`;
    }

    get applyProposalsDisabled(): boolean {
        return this.acceptedProposalCount === 0;
    }

    get hasProposals(): boolean {
        return (this.proposals ?? []).length > 0;
    }

    get importChanges(): QbApex.MappingRow[] {
        return this.importPreview?.changes ?? [];
    }

    /** Each change as before → after; what an import leaves as it is says so (a tax-only change keeps its item). */
    get importChangeViews(): ImportChangeView[] {
        return this.importChanges.map((change) => {
            const taxCodeNow = this.rows.find((row) => row.product2Id === change.product2Id)?.taxCode || 'None';
            const taxCodeAfter = change.taxCode || 'None';
            return {
                ...change,
                beforeText: change.previousItemId
                    ? `${change.previousItemName ?? ''} (${change.previousItemId})`.trim()
                    : 'No item',
                afterText: !change.qbItemId
                    ? 'No item (mapping removed)'
                    : change.qbItemId === change.previousItemId
                      ? 'Unchanged'
                      : `${change.qbItemName ?? ''} (${change.qbItemId})`.trim(),
                taxCodeText: taxCodeNow === taxCodeAfter ? taxCodeAfter : `${taxCodeNow} → ${taxCodeAfter}`
            };
        });
    }

    get importBadRows(): (QbApex.ImportError & { key: string })[] {
        return (this.importPreview?.badRows ?? []).map((badRow, index) => ({ ...badRow, key: `bad-${index}` }));
    }

    get hasImportChanges(): boolean {
        return this.importChanges.length > 0;
    }

    get hasImportBadRows(): boolean {
        return this.importBadRows.length > 0;
    }

    get importSummary(): string {
        const preview = this.importPreview;
        const changes = this.importChanges.length;
        const bad = this.importBadRows.length;
        const unchanged = preview?.unchangedCount ?? 0;
        return (
            `${changes} ${changes === 1 ? 'change' : 'changes'}, ${unchanged} unchanged, ` +
            `${bad} ${bad === 1 ? 'row' : 'rows'} that cannot be applied.`
        );
    }

    get applyImportLabel(): string {
        return `Apply ${this.importChanges.length} ${this.importChanges.length === 1 ? 'change' : 'changes'}`;
    }

    get applyImportDisabled(): boolean {
        return !this.hasImportChanges || this.isSaving;
    }

    get validationIssues(): (QbApex.ValidationIssue & { key: string })[] {
        return (this.validation?.issues ?? []).map((issue, index) => ({
            ...issue,
            key: `${issue.product2Id ?? 'issue'}-${index}`
        }));
    }

    get hasValidationIssues(): boolean {
        return this.validationIssues.length > 0;
    }

    get validationSummary(): string {
        const checked = this.validation?.checkedCount ?? 0;
        const problems = this.validationIssues.length;
        return problems === 0
            ? `All ${checked} mappings match QuickBooks.`
            : `${problems} of ${checked} mappings no longer match QuickBooks.`;
    }

    get validationFallbackText(): string {
        const report = this.validation;
        if (!report) {
            return '';
        }
        if (report.fallbackProblem) {
            return `Fallback item: ${report.fallbackProblem}${report.fallbackItemId ? ` (id ${report.fallbackItemId})` : ''}.`;
        }
        return `Fallback item: ${report.fallbackItemName ?? ''} (id ${report.fallbackItemId ?? ''}) is active.`;
    }

    get validationFallbackClass(): string {
        return this.validation?.fallbackProblem ? 'slds-text-color_error' : 'slds-text-color_success';
    }

    handleCompanyChange(event: CustomEvent<{ value: string }>): void {
        this.realmId = event.detail.value;
        this.resetWork();
        this.loadMappings();
        this.loadTaxCodes();
        this.loadFallbackItem();
    }

    handleUnmappedOnlyChange(event: CustomEvent<{ checked: boolean }>): void {
        this.unmappedOnly = event.detail.checked;
        this.loadMappings();
    }

    handleSearchChange(event: CustomEvent<{ value: string }>): void {
        this.searchTerm = (event.detail.value ?? '').trim();
        clearTimeout(this.searchTimer);
        // Debounce: wait for the user to pause typing before asking the server.
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.searchTimer = setTimeout(() => this.loadMappings(), SEARCH_DEBOUNCE_MS);
    }

    handleReload(): void {
        if (this.hasCompanies) {
            this.loadMappings();
        } else {
            this.loadCompanies();
        }
    }

    /** A US TAX/NON code follows the checkbox, as the save requires them to agree. */
    handleTaxableChange(event: CustomEvent<{ checked: boolean }>): void {
        const product2Id = (event.target as HTMLElement).dataset.productId ?? '';
        const taxable = event.detail.checked;
        const taxCode = this.mergedRow(product2Id)?.taxCode ?? '';
        const follows = US_TAXABLE_BY_CODE.has(taxCode) && US_TAXABLE_BY_CODE.get(taxCode) !== taxable;
        this.setDraft(product2Id, follows ? { taxable, taxCode: taxable ? 'TAX' : 'NON' } : { taxable });
    }

    /** Every keystroke is a draft, so Save shows while the user is still in the field; TAX/NON sets Taxable. */
    handleTaxCodeChange(event: CustomEvent<{ value: string }>): void {
        const product2Id = (event.target as HTMLElement).dataset.productId ?? '';
        const taxCode = event.detail.value ?? '';
        const taxable = US_TAXABLE_BY_CODE.get(taxCode);
        this.setDraft(product2Id, taxable === undefined ? { taxCode } : { taxCode, taxable });
    }

    private mergedRow(product2Id: string): MappingDraft | undefined {
        const stored = this.rows.find((row) => row.product2Id === product2Id);
        return stored && { ...stored, ...this.drafts[product2Id] };
    }

    handleChooseItem(event: Event): void {
        const product2Id = (event.currentTarget as HTMLElement).dataset.productId;
        this.pickerRow = this.rows.find((row) => row.product2Id === product2Id) ?? null;
        this.itemSearchTerm = '';
        this.itemResults = null;
        this.itemSearchError = null;
        this.focusTarget = 'item-search';
    }

    handleItemSearchChange(event: CustomEvent<{ value: string }>): void {
        this.itemSearchTerm = (event.detail.value ?? '').trim();
        clearTimeout(this.itemSearchTimer);
        if (!this.itemSearchTerm) {
            this.itemResults = null;
            return;
        }
        // Typeahead: query QuickBooks once the user pauses typing.
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.itemSearchTimer = setTimeout(() => this.searchQboItems(), SEARCH_DEBOUNCE_MS);
    }

    handleItemChosen(event: Event): void {
        const itemId = (event.currentTarget as HTMLElement).dataset.itemId;
        const item = (this.itemResults ?? []).find((candidate) => candidate.id === itemId);
        const row = this.pickerRow;
        if (!item || !row) {
            return;
        }
        this.setDraft(row.product2Id, { qbItemId: item.id, qbItemName: item.name });
        this.statusMessage = `${row.productName} → ${item.name}. Not saved yet.`;
        this.closePicker();
    }

    handleRemoveMapping(): void {
        const row = this.pickerRow;
        if (!row) {
            return;
        }
        this.setDraft(row.product2Id, { qbItemId: null, qbItemName: null });
        this.statusMessage = `${row.productName} will have no QuickBooks item once saved.`;
        this.closePicker();
    }

    handleClosePicker(): void {
        this.pickerRow = null;
        this.focusTarget = 'table';
    }

    async handleAutoMatch(): Promise<void> {
        this.isMatching = true;
        this.actionError = null;
        try {
            const proposals = await autoMatch({ realmId: this.realmId });
            this.proposals = proposals.map((proposal) => ({
                ...proposal,
                accepted: true,
                acceptLabel: `Accept ${proposal.qbItemName} for ${proposal.productName}`,
                matchedByText: proposal.matchedBy === 'Sku' ? 'SKU = product code' : 'Same name'
            }));
            this.focusTarget = 'proposals';
        } catch (error) {
            this.actionError = errorMessage(error);
            this.focusTarget = 'action-error';
        } finally {
            this.isMatching = false;
        }
    }

    handleProposalToggle(event: CustomEvent<{ checked: boolean }>): void {
        const product2Id = (event.target as HTMLElement).dataset.productId;
        this.proposals = (this.proposals ?? []).map((proposal) => {
            return proposal.product2Id === product2Id ? { ...proposal, accepted: event.detail.checked } : proposal;
        });
    }

    handleApplyProposals(): void {
        const accepted = (this.proposals ?? []).filter((proposal) => proposal.accepted);
        for (const proposal of accepted) {
            const draft: MappingDraft = { qbItemId: proposal.qbItemId, qbItemName: proposal.qbItemName };
            if (proposal.taxable !== null && proposal.taxable !== undefined) {
                draft.taxable = proposal.taxable;
            }
            this.setDraft(proposal.product2Id, draft);
        }
        this.proposals = null;
        this.statusMessage = `${accepted.length} proposed ${accepted.length === 1 ? 'mapping' : 'mappings'} added. Review and save.`;
        this.focusTarget = 'save';
    }

    handleDiscardProposals(): void {
        this.proposals = null;
        this.focusTarget = 'table';
    }

    handleDiscardDrafts(): void {
        this.drafts = {};
        this.saveErrors = [];
        this.rowErrors = {};
        this.statusMessage = 'Changes discarded.';
    }

    async handleSave(): Promise<void> {
        const byId = new Map(this.rows.map((row) => [row.product2Id, row]));
        const rows = Object.entries(this.drafts).map(([product2Id, draft]) => {
            const row = { ...byId.get(product2Id), ...draft } as QbApex.MappingRow;
            return this.contractRow({ ...row, product2Id });
        });
        const saved = await this.save(rows);
        if (saved) {
            this.drafts = {};
            this.statusMessage = `Saved ${rows.length} ${rows.length === 1 ? 'mapping' : 'mappings'}.`;
            this.focusTarget = 'status';
            await this.loadMappings();
        }
    }

    handleExport(): void {
        this.downloadUrl = csvDataUrl(mappingsToCsv(this.rows));
        this.downloadName = `quickbooks-item-mappings-${this.realmId}.csv`;
        this.downloadPending = true;
        this.statusMessage = `Exported ${this.rows.length} ${this.rows.length === 1 ? 'product' : 'products'} to ${this.downloadName}.`;
    }

    async handleImportFile(event: CustomEvent<{ files: FileList | File[] }>): Promise<void> {
        const file = event.detail.files?.[0];
        if (!file) {
            return;
        }
        this.isImporting = true;
        this.actionError = null;
        try {
            const csv = await readFileText(file);
            this.importPreview = await previewImport({ realmId: this.realmId, csv });
            this.focusTarget = 'import-preview';
        } catch (error) {
            this.importPreview = null;
            this.actionError = errorMessage(error);
            this.focusTarget = 'action-error';
        } finally {
            this.isImporting = false;
        }
    }

    async handleApplyImport(): Promise<void> {
        const changes = this.importChanges.map((row) => this.contractRow(row));
        const saved = await this.save(changes);
        if (saved) {
            this.importPreview = null;
            this.statusMessage = `Imported ${changes.length} ${changes.length === 1 ? 'mapping' : 'mappings'}.`;
            this.focusTarget = 'status';
            await this.loadMappings();
        }
    }

    handleCancelImport(): void {
        this.importPreview = null;
        this.focusTarget = 'table';
    }

    async handleValidate(): Promise<void> {
        this.isValidating = true;
        this.actionError = null;
        try {
            this.validation = await validateMappings({ realmId: this.realmId });
            this.focusTarget = 'validation';
        } catch (error) {
            this.validation = null;
            this.actionError = errorMessage(error);
            this.focusTarget = 'action-error';
        } finally {
            this.isValidating = false;
        }
    }

    handleCloseValidation(): void {
        this.validation = null;
        this.focusTarget = 'table';
    }

    private contractRow(row: QbApex.MappingRow): QbApex.MappingRow {
        return {
            product2Id: row.product2Id,
            productName: row.productName,
            productCode: row.productCode,
            family: row.family,
            mappingId: row.mappingId,
            realmId: this.realmId,
            qbItemId: row.qbItemId,
            qbItemName: row.qbItemName,
            taxable: row.taxable,
            taxCode: row.taxCode,
            status: row.status
        };
    }

    /** Saves all rows or none; on refusal lists every row's problem next to the product and in the table. */
    private async save(rows: QbApex.MappingRow[]): Promise<boolean> {
        this.isSaving = true;
        this.actionError = null;
        this.saveErrors = [];
        this.rowErrors = {};
        try {
            const result = await saveMappings({ realmId: this.realmId, rows });
            if (result.success) {
                return true;
            }
            this.showSaveErrors(result.errors ?? [], rows);
        } catch (error) {
            this.actionError = errorMessage(error);
            this.focusTarget = 'action-error';
        } finally {
            this.isSaving = false;
        }
        return false;
    }

    private showSaveErrors(errors: QbApex.RowError[], rows: QbApex.MappingRow[]): void {
        const names = new Map(rows.map((row) => [row.product2Id, row.productName]));
        this.saveErrors = errors.map((rowError, index) => ({
            key: `${rowError.product2Id ?? 'save'}-${index}`,
            text: rowError.product2Id
                ? `${names.get(rowError.product2Id) ?? rowError.product2Id}: ${rowError.message}`
                : (rowError.message ?? '')
        }));
        const rowErrors: Record<string, string> = {};
        for (const rowError of errors) {
            if (rowError.product2Id) {
                rowErrors[rowError.product2Id] = rowError.message ?? '';
            }
        }
        this.rowErrors = rowErrors;
        this.focusTarget = 'save-errors';
    }

    /** Records a change; a draft that is back to the saved values is no change at all. */
    private setDraft(product2Id: string, changes: MappingDraft): void {
        const stored = this.rows.find((row) => row.product2Id === product2Id);
        const draft: MappingDraft = { ...this.drafts[product2Id], ...changes };
        const drafts = { ...this.drafts };
        const changed = (Object.keys(draft) as (keyof MappingDraft)[]).some(
            (field) => !stored || !sameValue(field, draft[field], stored[field])
        );
        if (changed) {
            drafts[product2Id] = draft;
        } else {
            delete drafts[product2Id];
        }
        this.drafts = drafts;
        this.statusMessage = null;
    }

    private closePicker(): void {
        this.pickerRow = null;
        this.itemResults = null;
        this.focusTarget = 'save';
    }

    private resetWork(): void {
        this.drafts = {};
        this.saveErrors = [];
        this.rowErrors = {};
        this.pickerRow = null;
        this.proposals = null;
        this.importPreview = null;
        this.validation = null;
        this.statusMessage = null;
        this.actionError = null;
    }

    private async searchQboItems(): Promise<void> {
        const searchTerm = this.itemSearchTerm;
        this.isSearchingItems = true;
        this.itemSearchError = null;
        try {
            const items = await searchItems({ realmId: this.realmId, searchTerm });
            if (searchTerm === this.itemSearchTerm) {
                this.itemResults = items;
            }
        } catch (error) {
            this.itemResults = null;
            this.itemSearchError = errorMessage(error);
        } finally {
            this.isSearchingItems = false;
        }
    }

    private async loadCompanies(): Promise<void> {
        this.isLoading = true;
        this.loadError = null;
        try {
            this.companies = await getCompanies();
            const preferred = this.companies.find((company) => company.isDefault) ?? this.companies[0];
            if (preferred) {
                this.realmId = preferred.realmId;
                this.loadTaxCodes();
                this.loadFallbackItem();
                await this.loadMappings();
            }
        } catch (error) {
            this.loadError = errorMessage(error);
        } finally {
            this.isLoading = false;
        }
    }

    /** The picker's tax codes; when QuickBooks cannot be read the row takes the code as text, checked on save. */
    private async loadTaxCodes(): Promise<void> {
        const realmId = this.realmId;
        this.taxCodes = null;
        this.taxCodesError = null;
        try {
            const taxCodes = await getTaxCodes({ realmId });
            if (realmId === this.realmId) {
                this.taxCodes = taxCodes;
            }
        } catch (error) {
            if (realmId === this.realmId) {
                this.taxCodesError = `Tax codes could not be read from QuickBooks (${errorMessage(error)}); type the code, it is checked when you save.`;
            }
        }
    }

    private async loadFallbackItem(): Promise<void> {
        const realmId = this.realmId;
        this.fallbackItem = undefined;
        this.fallbackItemError = null;
        if (!this.selectedCompany?.fallbackItemId) {
            return;
        }
        try {
            const item = await getFallbackItem({ realmId });
            if (realmId === this.realmId) {
                this.fallbackItem = item ?? null;
            }
        } catch (error) {
            if (realmId === this.realmId) {
                this.fallbackItemError = errorMessage(error);
            }
        }
    }

    private async loadMappings(): Promise<void> {
        clearTimeout(this.searchTimer);
        const requestNumber = ++this.requestNumber;
        this.isLoading = true;
        this.loadError = null;
        try {
            const rows = await getMappings({
                realmId: this.realmId,
                unmappedOnly: this.unmappedOnly,
                searchTerm: this.searchTerm
            });
            if (requestNumber === this.requestNumber) {
                this.rows = rows;
            }
        } catch (error) {
            if (requestNumber === this.requestNumber) {
                this.loadError = errorMessage(error);
            }
        } finally {
            if (requestNumber === this.requestNumber) {
                this.isLoading = false;
            }
        }
    }
}
