// Types of scripts/build-sheets.js, for the tests that build the add-on.
export declare const oauthScopes: readonly string[];
export declare function whitelistEntry(server: string): string;
export declare function buildSheets(options: {
  server: string;
  outDir?: string;
  scriptId?: string;
}): Promise<{ outDir: string; entryPoints: string[]; allowed: string; placeholder: boolean }>;
