// Every route the service answers, in matching order. A new area (containers, exec, volumes, networks) is one
// routes file with a register function added here.
import { Router } from '../router.js';
import { registerContainerArchiveRoutes } from './container-archive.js';
import { registerContainerStatsRoutes } from './container-stats.js';
import { registerContainerStreamRoutes } from './container-streams.js';
import { registerContainerRoutes } from './containers.js';
import { registerImageArchiveRoutes } from './image-archives.js';
import { registerBuildRoutes } from './build.js';
import { registerExecRoutes } from './exec.js';
import { registerImageRoutes } from './images.js';
import { registerNetworkRoutes } from './networks.js';
import { registerSystemRoutes } from './system.js';
import { registerVolumeRoutes } from './volumes.js';

export function buildRouter(): Router {
  const router = new Router();
  registerSystemRoutes(router);
  registerImageArchiveRoutes(router);
  registerBuildRoutes(router);
  registerImageRoutes(router);
  registerContainerRoutes(router);
  registerContainerStreamRoutes(router);
  registerVolumeRoutes(router);
  registerContainerArchiveRoutes(router);
  registerContainerStatsRoutes(router);
  registerExecRoutes(router);
  registerNetworkRoutes(router);
  return router;
}
