// Types of scripts/build-excel.js, for the tests that build the Excel add-in.
export declare const excelOutDir: string;
export declare const officeJsUrl: string;
export declare const localPublicUrl: string;
export declare function buildExcel(options?: {
  publicUrl?: string;
  outDir?: string;
  ifMissing?: boolean;
}): Promise<string[]>;
