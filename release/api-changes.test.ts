import { describe, expect, it } from 'vitest';
import { apiReportChange } from './api-changes.js';

// API Extractor's report form: a heading, remarks as `//` lines, the declarations in a ts block.
const report = (...declarations: string[]) => `## API Report File for "atai-finetune"\n\n\`\`\`ts\n\n// @public\n${declarations.join('\n')}\n\n// (No @packageDocumentation comment for this package)\n\n\`\`\`\n`;
const JOB = ['export interface Job {', '    id: string;', '    notes?: string;', '}'];

describe('apiReportChange', () => {
  it('sees no change when only remarks and blank lines differ', () => {
    expect(apiReportChange('api/a.api.md', report(...JOB), report(...JOB).replace('// @public', '// @beta\n'))).toBeUndefined();
  });

  it('sees no change when only TSDoc differs, in the CRLF lines API Extractor writes', () => {
    const documented = report('/**', ' * A fine-tune job.', ' */', ...JOB).replace(/\n/g, '\r\n');
    expect(apiReportChange('api/a.api.md', documented, documented.replace('A fine-tune job.', 'One fine-tune job, as listed.'))).toBeUndefined();
    expect(apiReportChange('api/a.api.md', report(...JOB), documented)).toBeUndefined();
  });

  it('rates a removed declaration line as breaking, naming it', () => {
    expect(apiReportChange('api/a.api.md', report(...JOB), report('export interface Job {', '    id: string;', '}'))).toEqual({ report: 'api/a.api.md', removed: ['notes?: string;'], added: [], impact: 'breaking' });
  });

  it('rates a changed line as breaking (the old text removed, the new added)', () => {
    expect(apiReportChange('api/a.api.md', report(...JOB), report('export interface Job {', '    id: string | null;', '    notes?: string;', '}'))).toEqual({ report: 'api/a.api.md', removed: ['id: string;'], added: ['id: string | null;'], impact: 'breaking' });
  });

  it('rates a new optional member as an addition, and a new required one as breaking (code building the type no longer compiles)', () => {
    expect(apiReportChange('api/a.api.md', report(...JOB), report('export interface Job {', '    id: string;', '    notes?: string;', '    readonly tags?: string[];', '}'))?.impact).toBe('addition');
    expect(apiReportChange('api/a.api.md', report(...JOB), report('export interface Job {', '    id: string;', '    notes?: string;', '    apiKey: string;', '}'))).toEqual({ report: 'api/a.api.md', removed: [], added: ['apiKey: string;'], impact: 'breaking' });
    expect(apiReportChange('api/a.api.md', report(...JOB), report('export interface Job {', '    id: string;', '    notes?: string;', '    log(line: string): void;', '}'))?.impact).toBe('breaking');
  });

  it('rates a whole new declaration, before or after the others, as an addition', () => {
    const logger = ['export interface Logger {', '    log(line: string): void;', '}'];
    expect(apiReportChange('api/a.api.md', report(...JOB), report(...logger, ...JOB))?.impact).toBe('addition');
    expect(apiReportChange('api/a.api.md', report(...JOB), report(...JOB, ...logger))).toEqual({ report: 'api/a.api.md', removed: [], added: ['export interface Logger {', 'log(line: string): void;', '}'], impact: 'addition' });
  });

  it('rates only new lines as an addition', () => {
    expect(apiReportChange('api/a.api.md', report(...JOB), report(...JOB, 'export function stopAll(): void;'))).toEqual({ report: 'api/a.api.md', removed: [], added: ['export function stopAll(): void;'], impact: 'addition' });
  });

  it('rates a new entry point as an addition and a removed one as breaking', () => {
    expect(apiReportChange('api/b.api.md', undefined, report(...JOB))?.impact).toBe('addition');
    expect(apiReportChange('api/b.api.md', report(...JOB), '')).toEqual({ report: 'api/b.api.md', removed: ['export interface Job {', 'id: string;', 'notes?: string;', '}'], added: [], impact: 'breaking' });
  });

  it('sees a line that moved to another declaration, though the set of lines is the same', () => {
    const before = report('export interface A {', '    id: string;', '}', 'export interface B {', '}');
    const after = report('export interface A {', '}', 'export interface B {', '    id: string;', '}');
    expect(apiReportChange('api/a.api.md', before, after)?.impact).toBe('breaking');
  });
});
