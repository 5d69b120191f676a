import type { Linter } from 'eslint';

/** The dependency-direction rules of eslint.boundaries.js. */
export declare const boundaries: Linter.Config[];
