import { errorMessage, formatDay, GENERIC_ERROR, picklistLabel, recordUrl, reduceErrors } from 'c/qbUtils';

describe('reduceErrors', () => {
    it('reads the message of an AuraHandledException', () => {
        expect(reduceErrors({ status: 500, body: { message: 'Map the product first.' } })).toEqual([
            'Map the product first.'
        ]);
    });

    it('reads page and field errors of a failed DML', () => {
        const error = {
            body: {
                pageErrors: [{ message: 'Record is locked.' }],
                fieldErrors: { QB_Item_Id__c: [{ message: 'Item id must be digits.' }] }
            }
        };
        expect(reduceErrors(error)).toEqual(['Record is locked.', 'Item id must be digits.']);
    });

    it('reads Lightning Data Service output errors', () => {
        const error = {
            body: {
                output: {
                    errors: [{ message: 'Insufficient access.' }],
                    fieldErrors: { Name: [{ message: 'Required.' }] }
                }
            }
        };
        expect(reduceErrors(error)).toEqual(['Insufficient access.', 'Required.']);
    });

    it('reads every error of a list and of a body list, without duplicates or blanks', () => {
        const errors = [
            { body: [{ message: 'First.' }, { message: 'First.' }] },
            'Second.',
            { body: { message: '   ' } },
            null
        ];
        expect(reduceErrors(errors)).toEqual(['First.', 'Second.']);
    });

    it('finds no message in a JavaScript exception, so its text is never shown', () => {
        expect(reduceErrors(new TypeError('x is undefined'))).toEqual([]);
        expect(reduceErrors({ body: null })).toEqual([]);
        expect(reduceErrors(404)).toEqual([]);
        expect(reduceErrors({ body: { pageErrors: [{}], fieldErrors: { Name: [{}] } } })).toEqual([]);
    });
});

describe('errorMessage', () => {
    it('joins the readable messages', () => {
        expect(errorMessage([{ body: { message: 'One.' } }, { body: { message: 'Two.' } }])).toBe('One. Two.');
    });

    it('falls back to a generic sentence for anything unreadable', () => {
        expect(errorMessage(new Error('stack trace'))).toBe(GENERIC_ERROR);
        expect(errorMessage(undefined)).toBe(GENERIC_ERROR);
    });
});

describe('picklistLabel', () => {
    it('turns an API value into the words users read', () => {
        expect(picklistLabel('Retry_Scheduled')).toBe('Retry Scheduled');
        expect(picklistLabel('Out_of_Sync')).toBe('Out of Sync');
        expect(picklistLabel(null)).toBe('');
    });
});

describe('recordUrl', () => {
    it('builds the Lightning Experience record address', () => {
        expect(recordUrl('006000000000001AAA', 'Opportunity')).toBe('/lightning/r/Opportunity/006000000000001AAA/view');
    });
});

describe('formatDay', () => {
    it('names the day the Apex Date means, whatever the browser time zone', () => {
        expect(formatDay('2026-03-01')).toBe('Mar 1');
        expect(formatDay('2026-12-31')).toBe('Dec 31');
    });

    it("writes the day in the user's locale, as lightning-formatted-date-time does", () => {
        jest.isolateModules(() => {
            jest.doMock('@salesforce/i18n/locale', () => ({ __esModule: true, default: 'en-GB' }));
            const british = require('c/qbUtils') as { formatDay(isoDate: string): string };
            expect(british.formatDay('2026-03-01')).toBe('1 Mar');
        });
    });
});
