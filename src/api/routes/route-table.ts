// Every route the service answers, in matching order. A new area (containers, exec, volumes, networks) is one
// routes file with a register function added here (and its rows taken out of pending-routes.ts).
import { Router } from '../router.js';
import { registerContainerStreamRoutes } from './container-streams.js';
import { registerContainerRoutes } from './containers.js';
import { registerImageArchiveRoutes } from './image-archives.js';
import { registerBuildRoutes } from './build.js';
import { registerImageRoutes } from './images.js';
import { registerPendingRoutes } from './pending-routes.js';
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
  registerPendingRoutes(router);
  return router;
}
