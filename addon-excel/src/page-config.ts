import {
  taskpaneConfigSchema,
  type TaskpaneConfig,
} from '../../shared/core/schemas/taskpane-config';

/**
 * The settings the server wrote into this page (`<script type="application/json"
 * id="crm-config">`); API tokens only when they are missing or unreadable.
 */
export function readPageConfig(document: Pick<Document, 'getElementById'>): TaskpaneConfig {
  const text = document.getElementById('crm-config')?.textContent ?? '';
  try {
    const parsed = taskpaneConfigSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : { microsoft: null };
  } catch {
    return { microsoft: null };
  }
}
