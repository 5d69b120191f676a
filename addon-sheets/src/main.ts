// The add-on's bundle entry. esbuild makes it one IIFE (`var CrmAddon = …`); the build then
// writes a real top-level `function name() {}` for each entry point below, because Apps Script
// lists, runs and lets google.script.run call only functions declared at the top level.
import type { ConflictChoice } from '../../shared/core/sync-client/index';
import {
  menuSetApiToken,
  menuSetServerUrl,
  menuSyncNow,
  onInstall,
  onOpen,
  showSidebar,
} from './menu';
import {
  getIdentityToken,
  getSelection,
  getSettings,
  getSheetRows,
  markInvalid,
  setDropdowns,
  setServerUrl,
  writeSheetRows,
} from './sidebar-api';
import { resolveConflictAndSync, syncNow } from './sync-now';

/** Every function Apps Script must see: triggers, menu actions and the sidebar's calls. */
export const entryPoints = {
  onOpen,
  onInstall,
  showSidebar,
  menuSyncNow,
  menuSetServerUrl,
  menuSetApiToken,
  getSheetRows,
  writeSheetRows,
  getSelection,
  setDropdowns,
  markInvalid,
  getIdentityToken,
  getSettings,
  setServerUrl,
  syncNow,
  resolveConflict: (choice: ConflictChoice) => resolveConflictAndSync(choice),
};
