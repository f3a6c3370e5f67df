// Routes the docker CLI and docker-compose send whose engine side does not exist yet: a 501 that says so,
// rather than a 404 the client would read as "no such object". Each area moves to its own routes file.
import type { Router } from '../router.js';

const PENDING: Array<[string, string, string]> = [
  ['POST', '/containers/create', 'containers'], ['GET', '/containers/json', 'containers'],
  ['POST', '/containers/prune', 'containers'], ['GET', '/containers/{id}/json', 'containers'],
  ['DELETE', '/containers/{id}', 'containers'], ['GET', '/containers/{id}/archive', 'containers'],
  ['HEAD', '/containers/{id}/archive', 'containers'], ['PUT', '/containers/{id}/archive', 'containers'],
  ['POST', '/containers/{id}/attach', 'containers'], ['POST', '/containers/{id}/exec', 'exec'],
  ['POST', '/containers/{id}/kill', 'containers'], ['GET', '/containers/{id}/logs', 'containers'],
  ['POST', '/containers/{id}/rename', 'containers'], ['POST', '/containers/{id}/restart', 'containers'],
  ['POST', '/containers/{id}/start', 'containers'], ['GET', '/containers/{id}/stats', 'containers'],
  ['POST', '/containers/{id}/stop', 'containers'], ['GET', '/containers/{id}/top', 'containers'],
  ['POST', '/containers/{id}/wait', 'containers'], ['GET', '/exec/{id}/json', 'exec'],
  ['POST', '/exec/{id}/start', 'exec'], ['GET', '/volumes', 'volumes'], ['POST', '/volumes/create', 'volumes'],
  ['POST', '/volumes/prune', 'volumes'], ['GET', '/volumes/{name}', 'volumes'], ['DELETE', '/volumes/{name}', 'volumes'],
  ['GET', '/networks', 'networks'], ['POST', '/networks/create', 'networks'], ['POST', '/networks/prune', 'networks'],
  ['GET', '/networks/{id}', 'networks'], ['DELETE', '/networks/{id}', 'networks'],
  ['POST', '/networks/{id}/connect', 'networks'], ['POST', '/networks/{id}/disconnect', 'networks'],
];

export function registerPendingRoutes(router: Router): void {
  for (const [method, path, area] of PENDING) router.unsupported(method, path, `the API for ${area} is not implemented by tsmoby yet`);
}
