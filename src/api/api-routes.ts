import { Hono } from 'hono'
import type { ApiDeps } from './api-deps.js'
import { adminApi } from './admin.js'
import { apiDocsRoutes } from './api-docs.js'
import { openApiRoutes } from './openapi.js'
import { datasetApi } from './dataset.js'
import { distributionApi } from './distribution.js'
import { exportApi } from './export-organisations.js'
import { healthApi } from './health.js'
import { historyApi } from './history.js'
import { organisationApi } from './organisation.js'
import { organisationDatasetsApi } from './organisation-datasets.js'
import { organisationHvdApi } from './organisation-hvd.js'
import { organisationsApi } from './organisations.js'
import { problemsApi } from './problems.js'
import { regionApi } from './region.js'
import { trendApi } from './trend.js'
import { harvestRunsApi, sweepsApi } from './work-runs.js'

/**
 * The JSON API, one module per resource, to be mounted at /api (src/web does). It only
 * reads, through the read model. Every failure is the one shape in api-error.ts; errors it
 * does not expect go to the app's error handler (src/web), which never sends their text.
 */
export function apiRoutes(deps: ApiDeps): Hono {
  return new Hono()
    .route('/health', healthApi(deps))
    .route('/region', regionApi(deps))
    .route('/organisations', organisationsApi(deps))
    .route('/organisation/datasets', organisationDatasetsApi(deps))
    .route('/organisation/hvd', organisationHvdApi(deps))
    .route('/organisation', organisationApi(deps))
    .route('/dataset', datasetApi(deps))
    .route('/problems', problemsApi(deps))
    .route('/distribution', distributionApi(deps))
    .route('/trend', trendApi(deps))
    .route('/history', historyApi(deps))
    .route('/harvest-runs', harvestRunsApi(deps))
    .route('/sweeps', sweepsApi(deps))
    .route('/export', exportApi(deps))
    .route('/admin', adminApi(deps))
    .route('/openapi.json', openApiRoutes())
    .route('/docs', apiDocsRoutes(deps))
}
