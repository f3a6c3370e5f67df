// Routes the docker CLI and docker-compose send whose engine side does not exist yet: a 501 that says so,
// rather than a 404 the client would read as "no such object". Each area moves to its own routes file.
import type { Router } from '../router.js';

const PENDING: Array<[string, string, string]> = [
  ['GET', '/containers/{id}/archive', 'copying files'], ['HEAD', '/containers/{id}/archive', 'copying files'],
  ['PUT', '/containers/{id}/archive', 'copying files'],
  ['GET', '/containers/{id}/top', 'container processes'], ['GET', '/containers/{id}/stats', 'container stats'],
  ['POST', '/containers/{id}/exec', 'exec'], ['GET', '/exec/{id}/json', 'exec'],
  ['POST', '/exec/{id}/start', 'exec'], ['POST', '/exec/{id}/resize', 'exec'],
  ['GET', '/networks', 'networks'], ['POST', '/networks/create', 'networks'], ['POST', '/networks/prune', 'networks'],
  ['GET', '/networks/{id}', 'networks'], ['DELETE', '/networks/{id}', 'networks'],
  ['POST', '/networks/{id}/connect', 'networks'], ['POST', '/networks/{id}/disconnect', 'networks'],
];

export function registerPendingRoutes(router: Router): void {
  for (const [method, path, area] of PENDING) router.unsupported(method, path, `the API for ${area} is not implemented by tsmoby yet`);
}
