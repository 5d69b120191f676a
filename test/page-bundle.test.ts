import { describe, expect, it } from 'vitest';
import { bundlePage } from '../scripts/page-bundle.js';

/*
 * The browser bundles carry zod's messages in English and Chinese only: its other 40-odd
 * languages were over a third of the sidebar that Apps Script serves.
 */
describe('a page bundle', () => {
  it('keeps zod working with only the English and Chinese messages', async () => {
    const js = await bundlePage('shared/ui/sidebar-main.tsx');
    // German and Hebrew zod messages are gone; zod's English default is there.
    expect(js).not.toContain('Ungültige Eingabe');
    expect(js).not.toContain('קלט לא תקין');
    expect(js).toContain('Invalid input');
  });
});
