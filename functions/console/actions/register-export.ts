import { actionsCsv } from '../../shared/domain/actions-export';
import { ValidationError } from '../../shared/domain/errors';
import { html } from '../../shared/domain/html';
import { download } from '../../http/page';
import type { ConsoleResponse, RouteContext } from '../types';
import { exportName, loadRegister, registerPath } from './register-data';

/**
 * The register as a file, through the same filter as the page: CSV (with the formula guard of
 * actionsCsv, since action text comes from minutes anyone may have written) or JSON, as the CLI's
 * `actions export` writes them.
 */
const exportAs =
  (format: 'csv' | 'json') =>
  async (ctx: RouteContext): Promise<ConsoleResponse> => {
    try {
      const view = await loadRegister(ctx);
      const rows = view.entries.map((e) => e.row);
      return format === 'csv'
        ? download(`${exportName(view)}.csv`, 'text/csv; charset=utf-8', actionsCsv(rows))
        : download(`${exportName(view)}.json`, 'application/json; charset=utf-8', `${JSON.stringify(rows, null, 2)}\n`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return ctx.page(422, 'Actions', html`<p class="error">${err.message}</p><p><a href="${registerPath(ctx.board!)}">Show every action</a></p>`);
    }
  };

export const registerCsv = exportAs('csv');
export const registerJson = exportAs('json');
