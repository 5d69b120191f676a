import type { BlockingSyncPorts } from '../../shared/core/sync-client/index';

/** The engine's saved state in the document's properties: shared by everyone syncing it. */
export function statePort(): BlockingSyncPorts['state'] {
  const properties = PropertiesService.getDocumentProperties();
  return {
    get: (key) => properties.getProperty(key),
    set: (key, value) => {
      if (value === null) properties.deleteProperty(key);
      else properties.setProperty(key, value);
    },
  };
}
