// The Apps Script limits the add-on relies on staying inside, as the fakes enforce them.
// Source: developers.google.com/apps-script/guides/services/quotas (consumer accounts; Google
// Workspace accounts get more of the daily quotas) and Sheets' documented size limits.
export const limits = {
  /** Script runtime per execution. */
  executionMs: 6 * 60 * 1000,
  /** URL Fetch calls per day. */
  urlFetchCallsPerDay: 20_000,
  /** URL Fetch POST size per call. */
  urlFetchPayloadBytes: 50 * 1024 * 1024,
  /** URL Fetch response size per call. */
  urlFetchResponseBytes: 50 * 1024 * 1024,
  /** URL Fetch URL length. */
  urlFetchUrlLength: 2 * 1024,
  /** URL Fetch headers per call, and their total size. */
  urlFetchHeaders: 100,
  urlFetchHeaderBytes: 8 * 1024,
  /** Properties: one value, and all values of one store. */
  propertyValueBytes: 9 * 1024,
  propertyStoreBytes: 500 * 1024,
  /** Properties read or written per day. */
  propertyCallsPerDay: 50_000,
  /** Cells in one spreadsheet, over all its sheets. */
  cellsPerSpreadsheet: 10_000_000,
  /** Characters in one cell. */
  charactersPerCell: 50_000,
  /** The longest a lock may be waited for. */
  lockWaitMs: 300_000,
} as const;

/** What service calls cost in virtual time: latencies measured from Apps Script, rounded up. */
export interface CostModel {
  /** A getValues/getNotes/getFormulas: a fixed part and a part per cell. */
  readMs: number;
  readPerCellMs: number;
  /** A setValues/setNotes. */
  writeMs: number;
  writePerCellMs: number;
  /** A UrlFetch round trip before the server's own time, and the transfer rate. */
  fetchLatencyMs: number;
  fetchBytesPerMs: number;
  /** A PropertiesService get or set. */
  propertyMs: number;
}

export const defaultCosts: CostModel = {
  readMs: 50,
  readPerCellMs: 0.01,
  writeMs: 100,
  writePerCellMs: 0.02,
  fetchLatencyMs: 400,
  fetchBytesPerMs: 2_000,
  propertyMs: 10,
};
