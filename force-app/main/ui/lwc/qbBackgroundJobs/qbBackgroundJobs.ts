import { LightningElement } from 'lwc';
import getBackgroundJobs from '@salesforce/apex/QBConnectionsController.getBackgroundJobs';
import setUpBackgroundJobs from '@salesforce/apex/QBConnectionsController.setUpBackgroundJobs';
import { errorMessage } from 'c/qbUtils';

interface JobView extends QbApex.BackgroundJob {
    lastResultText: string;
    stateLabel: string;
    stateClass: string;
    /** What else is wrong with a scheduled job (a failed run, duplicates); a missing job says so in its state. */
    detail: string | null;
}

/**
 * The background jobs section of the Connections tab: each job's schedule, next run and last result, a warning on
 * a job that is missing or failing, and "Set up background jobs", which schedules what is missing (pressing it
 * again adds nothing).
 */
export default class QbBackgroundJobs extends LightningElement {
    jobs: QbApex.BackgroundJob[] = [];
    isLoading = false;
    isSettingUp = false;
    loadError: string | null = null;
    message: string | null = null;

    connectedCallback(): void {
        this.load();
    }

    get rows(): JobView[] {
        return this.jobs.map((job) => {
            const missing = job.isNeeded && !job.isScheduled;
            return {
                ...job,
                lastResultText: job.lastResult || (job.isScheduled ? 'Not run yet' : '—'),
                stateLabel: !job.isNeeded
                    ? 'Not needed'
                    : missing
                      ? 'Not scheduled'
                      : job.problem
                        ? 'Needs attention'
                        : 'Scheduled',
                stateClass: job.isNeeded && job.problem ? 'slds-text-color_error' : '',
                detail: missing ? null : (job.problem ?? null)
            };
        });
    }

    get missingCount(): number {
        return this.jobs.filter((job) => job.isNeeded && !job.isScheduled).length;
    }

    get hasRows(): boolean {
        return this.jobs.length > 0;
    }

    get problemCount(): number {
        return this.jobs.filter((job) => job.isNeeded && job.problem).length;
    }

    get summary(): string {
        if (this.problemCount === 0) {
            return 'Every background job is scheduled.';
        }
        const needs = this.problemCount === 1 ? '1 job needs attention' : `${this.problemCount} jobs need attention`;
        if (this.missingCount === 0) {
            return `${needs}.`;
        }
        const missing = this.missingCount === 1 ? '1 is not scheduled' : `${this.missingCount} are not scheduled`;
        return `${needs}: ${missing}. Press Set up background jobs.`;
    }

    get summaryClass(): string {
        return this.problemCount === 0 ? 'slds-text-color_success' : 'slds-text-color_error';
    }

    async handleSetUp(): Promise<void> {
        this.isSettingUp = true;
        this.message = null;
        this.loadError = null;
        try {
            this.jobs = await setUpBackgroundJobs();
            this.message = 'Background jobs set up. They run as you.';
        } catch (error) {
            this.loadError = errorMessage(error);
        } finally {
            this.isSettingUp = false;
        }
    }

    private async load(): Promise<void> {
        this.isLoading = true;
        try {
            this.jobs = await getBackgroundJobs();
            this.loadError = null;
        } catch (error) {
            this.loadError = errorMessage(error);
        } finally {
            this.isLoading = false;
        }
    }
}
