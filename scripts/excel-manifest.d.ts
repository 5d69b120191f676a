// Types of scripts/excel-manifest.js, for the build and the tests.
export declare const excelAddinId: string;
export declare const excelIconSizes: readonly number[];
export declare const excelApiMinVersion: string;
export declare function excelServerUrl(serverUrl: string): string;
export declare function excelAddinUrls(serverUrl: string): {
  taskpane: string;
  signIn: string;
  icons: Record<number, string>;
};
export declare function excelManifest(options: {
  serverUrl: string;
  id?: string;
  version?: string;
  providerName?: string;
}): string;
