// Types of scripts/page-bundle.js, for the tests that bundle a page.
import type { Plugin } from 'esbuild';
export declare const zodLocales: Plugin;
export declare function bundlePage(entry: string): Promise<string>;
export declare function writeAtomically(file: string, content: string): void;
export declare function htmlPage(page: {
  title: string;
  icon: string;
  head?: string[];
  css?: string;
  script: string;
}): string;
