// Types of scripts/build-server.js, for the test that starts the bundled server.
export declare const serverBundle: string;
export declare function buildServer(): Promise<string>;
