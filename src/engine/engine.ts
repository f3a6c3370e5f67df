// The domain layer's face: the only thing cli/ and api/ call. Options in, reports out (Podman's
// ContainerEngine / ImageEngine split, kept small). Each area is filled by one file per operation.

/** How an engine is set up: the global flags of the CLI, the service's settings for the API. */
export interface EngineOptions {
  root?: string;
  runroot?: string;
  runtime?: string;
  conmon?: string;
  registriesConf?: string;
  logLevel?: string;
}

export interface Engine {
  images: ImageEngine;
}

export interface ImageEngine {}
