#compdef tsmoby
# zsh completion for tsmoby
# Generated from the command tree; regenerate it instead of editing it.

__tsmoby_child() {
  case "$1|$2" in
    '|version') echo 'version' ;;
    '|completion') echo 'completion' ;;
    '|image') echo 'image' ;;
    '|pull') echo 'pull' ;;
    '|push') echo 'push' ;;
    '|images') echo 'images' ;;
    '|tag') echo 'tag' ;;
    '|untag') echo 'untag' ;;
    '|rmi') echo 'rmi' ;;
    '|save') echo 'save' ;;
    '|load') echo 'load' ;;
    '|history') echo 'history' ;;
    '|login') echo 'login' ;;
    '|logout') echo 'logout' ;;
    '|build') echo 'build' ;;
    '|commit') echo 'commit' ;;
    '|container') echo 'container' ;;
    '|volume') echo 'volume' ;;
    '|network') echo 'network' ;;
    '|run') echo 'run' ;;
    '|create') echo 'create' ;;
    '|start') echo 'start' ;;
    '|stop') echo 'stop' ;;
    '|kill') echo 'kill' ;;
    '|restart') echo 'restart' ;;
    '|rm'|'|remove') echo 'rm' ;;
    '|ps') echo 'ps' ;;
    '|logs') echo 'logs' ;;
    '|inspect') echo 'inspect' ;;
    '|cp') echo 'cp' ;;
    '|diff') echo 'diff' ;;
    '|wait') echo 'wait' ;;
    '|rename') echo 'rename' ;;
    '|exec') echo 'exec' ;;
    '|attach') echo 'attach' ;;
    '|top') echo 'top' ;;
    '|port') echo 'port' ;;
    '|system') echo 'system' ;;
    '|info') echo 'info' ;;
    '|events') echo 'events' ;;
    '|generate') echo 'generate' ;;
    '|help') echo 'help' ;;
    'image|pull') echo 'image pull' ;;
    'image|push') echo 'image push' ;;
    'image|ls'|'image|list') echo 'image ls' ;;
    'image|inspect') echo 'image inspect' ;;
    'image|tag') echo 'image tag' ;;
    'image|untag') echo 'image untag' ;;
    'image|rm'|'image|remove') echo 'image rm' ;;
    'image|prune') echo 'image prune' ;;
    'image|exists') echo 'image exists' ;;
    'image|history') echo 'image history' ;;
    'image|save') echo 'image save' ;;
    'image|load') echo 'image load' ;;
    'image|build') echo 'image build' ;;
    'image|help') echo 'image help' ;;
    'container|run') echo 'container run' ;;
    'container|create') echo 'container create' ;;
    'container|start') echo 'container start' ;;
    'container|stop') echo 'container stop' ;;
    'container|kill') echo 'container kill' ;;
    'container|restart') echo 'container restart' ;;
    'container|rm'|'container|remove') echo 'container rm' ;;
    'container|ls'|'container|list'|'container|ps') echo 'container ls' ;;
    'container|inspect') echo 'container inspect' ;;
    'container|logs') echo 'container logs' ;;
    'container|wait') echo 'container wait' ;;
    'container|rename') echo 'container rename' ;;
    'container|port') echo 'container port' ;;
    'container|exists') echo 'container exists' ;;
    'container|prune') echo 'container prune' ;;
    'container|cleanup') echo 'container cleanup' ;;
    'container|cp') echo 'container cp' ;;
    'container|diff') echo 'container diff' ;;
    'container|exec') echo 'container exec' ;;
    'container|attach') echo 'container attach' ;;
    'container|top') echo 'container top' ;;
    'container|help') echo 'container help' ;;
    'volume|create') echo 'volume create' ;;
    'volume|ls'|'volume|list') echo 'volume ls' ;;
    'volume|inspect') echo 'volume inspect' ;;
    'volume|rm'|'volume|remove') echo 'volume rm' ;;
    'volume|prune') echo 'volume prune' ;;
    'volume|exists') echo 'volume exists' ;;
    'volume|help') echo 'volume help' ;;
    'network|create') echo 'network create' ;;
    'network|ls'|'network|list') echo 'network ls' ;;
    'network|inspect') echo 'network inspect' ;;
    'network|rm'|'network|remove') echo 'network rm' ;;
    'network|prune') echo 'network prune' ;;
    'network|connect') echo 'network connect' ;;
    'network|disconnect') echo 'network disconnect' ;;
    'network|exists') echo 'network exists' ;;
    'network|help') echo 'network help' ;;
    'system|reset') echo 'system reset' ;;
    'system|info') echo 'system info' ;;
    'system|df') echo 'system df' ;;
    'system|events') echo 'system events' ;;
    'system|service') echo 'system service' ;;
    'system|help') echo 'system help' ;;
    'generate|systemd') echo 'generate systemd' ;;
    'generate|help') echo 'generate help' ;;
  esac
}

__tsmoby_commands() {
  case "$1" in
    '') printf '%s\n' 'version:Display the tsmoby version information' 'completion:Print the shell completion script (bash, zsh or fish)' 'image:Manage images' 'pull:Pull an image from a registry' 'push:Push an image to a specified destination' 'images:List images in local storage' 'tag:Add an additional name to a local image' 'untag:Remove a name from a local image (all names when none are given)' 'rmi:Remove one or more images from local storage' 'save:Save image(s) to an archive' 'load:Load image(s) from a tar archive (docker-archive or oci-archive, optionally gzipped)' 'history:Show the history of an image' 'login:Log in to a container registry' 'logout:Log out of a container registry' 'build:Build an image from a Dockerfile' 'commit:Create a new image from a container'\''s changes' 'container:Manage containers' 'volume:Manage volumes' 'network:Manage networks' 'run:Run a command in a new container' 'create:Create but do not start a container' 'start:Start one or more containers' 'stop:Stop one or more containers' 'kill:Kill one or more running containers with a signal' 'restart:Restart one or more containers' 'rm:Remove one or more containers' 'remove:Remove one or more containers' 'ps:List containers' 'logs:Fetch the logs of a container' 'inspect:Display the configuration of objects' 'cp:Copy files/folders between a container and the local filesystem' 'diff:Inspect changes to a container'\''s file system' 'wait:Block on one or more containers and print their exit codes' 'rename:Rename an existing container' 'exec:Run a process in a running container' 'attach:Attach to a running container' 'top:Display the running processes of a container' 'port:List port mappings or a specific mapping for the container' 'system:Manage tsmoby itself' 'info:Display tsmoby system information' 'events:Show engine events (follows live events unless --until is given)' 'generate:Generate structured data such as systemd units' 'help:display help for command' ;;
    'image') printf '%s\n' 'pull:Pull an image from a registry' 'push:Push an image to a specified destination' 'ls:List images in local storage' 'list:List images in local storage' 'inspect:Display the configuration of one or more images' 'tag:Add an additional name to a local image' 'untag:Remove a name from a local image (all names when none are given)' 'rm:Remove one or more images from local storage' 'remove:Remove one or more images from local storage' 'prune:Remove unused images' 'exists:Check if an image exists in local storage' 'history:Show the history of an image' 'save:Save image(s) to an archive' 'load:Load image(s) from a tar archive (docker-archive or oci-archive, optionally gzipped)' 'build:Build an image from a Dockerfile' 'help:display help for command' ;;
    'container') printf '%s\n' 'run:Run a command in a new container' 'create:Create but do not start a container' 'start:Start one or more containers' 'stop:Stop one or more containers' 'kill:Kill one or more running containers with a signal' 'restart:Restart one or more containers' 'rm:Remove one or more containers' 'remove:Remove one or more containers' 'ls:List containers' 'list:List containers' 'ps:List containers' 'inspect:Display the configuration of a container' 'logs:Fetch the logs of a container' 'wait:Block on one or more containers and print their exit codes' 'rename:Rename an existing container' 'port:List port mappings or a specific mapping for the container' 'exists:Check if a container exists in local storage (exit 0 yes, 1 no)' 'prune:Remove all non-running containers' 'cleanup:Clean up after a container exited: unmount, network, --rm, restart policy' 'cp:Copy files/folders between a container and the local filesystem' 'diff:Inspect changes to a container'\''s file system' 'exec:Run a process in a running container' 'attach:Attach to a running container' 'top:Display the running processes of a container' 'help:display help for command' ;;
    'volume') printf '%s\n' 'create:Create a new volume' 'ls:List volumes' 'list:List volumes' 'inspect:Display detailed information on volumes' 'rm:Remove one or more volumes' 'remove:Remove one or more volumes' 'prune:Remove all unused volumes' 'exists:Check if a volume exists (exit 0 yes, 1 no)' 'help:display help for command' ;;
    'network') printf '%s\n' 'create:Create a network' 'ls:List networks' 'list:List networks' 'inspect:Display detailed information on networks' 'rm:Remove networks' 'remove:Remove networks' 'prune:Remove networks no container uses' 'connect:Add a container to a network' 'disconnect:Remove a container from a network' 'exists:Check if a network exists (exit 0 yes, 1 no)' 'help:display help for command' ;;
    'system') printf '%s\n' 'reset:Reset storage back to its initial state (removes all images, containers and volumes)' 'info:Display tsmoby system information' 'df:Show tsmoby disk usage' 'events:Show engine events (follows live events unless --until is given)' 'service:Serve the Docker-compatible API (exits after --time seconds without requests)' 'help:display help for command' ;;
    'generate') printf '%s\n' 'systemd:Generate systemd user units (--api: the socket-activated API service)' 'help:display help for command' ;;
  esac
}

__tsmoby_options() {
  case "$1" in
    '') printf '%s\n' '-v:output the version number' '--version:output the version number' '--root:storage root directory' '--runroot:storage state (runtime) directory' '--runtime:OCI runtime to use (default: runc)' '--conmon:container monitor binary' '--registries-conf:registries.conf file to use instead of the default ones' '--storage-opt:storage driver option (overlay.mount_program=PATH), repeatable' '--log-level:log messages at and above this level (debug, info, warn, error)' '-h:display help for command' '--help:display help for command' ;;
    'version') printf '%s\n' '-f:format the output with a Go template ({{json .}} or {{.Client.Version}})' '--format:format the output with a Go template ({{json .}} or {{.Client.Version}})' '-h:display help for command' '--help:display help for command' ;;
    'completion') printf '%s\n' '-h:display help for command' '--help:display help for command' ;;
    'image') printf '%s\n' '-h:display help for command' '--help:display help for command' ;;
    'image pull') printf '%s\n' '-q:suppress output information when pulling images' '--quiet:suppress output information when pulling images' '--platform:choose a particular platform from a multi-platform image' '--arch:use ARCH instead of the architecture of the machine' '--os:use OS instead of the running OS' '--tls-verify:require HTTPS and verify certificates' '--creds:credentials to use for this pull' '--cert-dir:use the certificates (*.crt, *.cert, *.key) in this directory for the registry' '-h:display help for command' '--help:display help for command' ;;
    'image push') printf '%s\n' '-q:suppress output information when pushing images' '--quiet:suppress output information when pushing images' '--tls-verify:require HTTPS and verify certificates' '--creds:credentials to use for this push' '--cert-dir:use the certificates (*.crt, *.cert, *.key) in this directory for the registry' '-h:display help for command' '--help:display help for command' ;;
    'image ls') printf '%s\n' '-a:show all images (default hides intermediate images)' '--all:show all images (default hides intermediate images)' '-q:display only image IDs' '--quiet:display only image IDs' '--format:pretty-print images using a Go template, or json' '-f:filter output based on conditions provided' '--filter:filter output based on conditions provided' '--digests:show digests' '--no-trunc:do not truncate output' '-n:do not print column headings' '--noheading:do not print column headings' '-h:display help for command' '--help:display help for command' ;;
    'image inspect') printf '%s\n' '-f:format the output with a Go template' '--format:format the output with a Go template' '-h:display help for command' '--help:display help for command' ;;
    'image tag') printf '%s\n' '-h:display help for command' '--help:display help for command' ;;
    'image untag') printf '%s\n' '-h:display help for command' '--help:display help for command' ;;
    'image rm') printf '%s\n' '-f:remove the image even if containers use it, and all its names' '--force:remove the image even if containers use it, and all its names' '-a:remove all images' '--all:remove all images' '-i:ignore errors if a specified image does not exist' '--ignore:ignore errors if a specified image does not exist' '-h:display help for command' '--help:display help for command' ;;
    'image prune') printf '%s\n' '-a:remove all images not used by containers, not just dangling ones' '--all:remove all images not used by containers, not just dangling ones' '-f:do not prompt for confirmation' '--force:do not prompt for confirmation' '--filter:provide filter values (label=..., until=...)' '-h:display help for command' '--help:display help for command' ;;
    'image exists') printf '%s\n' '-h:display help for command' '--help:display help for command' ;;
    'image history') printf '%s\n' '-q:display only the numeric IMAGE ID' '--quiet:display only the numeric IMAGE ID' '--format:change the output to JSON or a Go template' '--no-trunc:do not truncate the output' '-H:display sizes and dates in human readable format' '--human:display sizes and dates in human readable format' '-h:display help for command' '--help:display help for command' ;;
    'image save') printf '%s\n' '-o:write to a file (default: stdout, which must not be a terminal)' '--output:write to a file (default: stdout, which must not be a terminal)' '--format:docker-archive or oci-archive' '-q:suppress the output' '--quiet:suppress the output' '-h:display help for command' '--help:display help for command' ;;
    'image load') printf '%s\n' '-i:read from a file (default: stdin)' '--input:read from a file (default: stdin)' '-q:suppress the progress output' '--quiet:suppress the progress output' '-h:display help for command' '--help:display help for command' ;;
    'image build') printf '%s\n' '-t:name the resulting image (repeatable)' '--tag:name the resulting image (repeatable)' '-f:Dockerfile to use (default: CONTEXT/Dockerfile)' '--file:Dockerfile to use (default: CONTEXT/Dockerfile)' '--build-arg:build-time variable (repeatable)' '--label:label for the image (repeatable)' '--target:build up to this stage' '--iidfile:write the image id to this file' '-q:print only the image id' '--quiet:print only the image id' '--no-cache:do not use the build cache' '--pull:always pull the base images' '--network:network for RUN: default, none, host' '--rm:remove intermediate containers (always done)' '--force-rm:remove intermediate containers even after a failure (always done)' '-h:display help for command' '--help:display help for command' ;;
    'pull') printf '%s\n' '-q:suppress output information when pulling images' '--quiet:suppress output information when pulling images' '--platform:choose a particular platform from a multi-platform image' '--arch:use ARCH instead of the architecture of the machine' '--os:use OS instead of the running OS' '--tls-verify:require HTTPS and verify certificates' '--creds:credentials to use for this pull' '--cert-dir:use the certificates (*.crt, *.cert, *.key) in this directory for the registry' '-h:display help for command' '--help:display help for command' ;;
    'push') printf '%s\n' '-q:suppress output information when pushing images' '--quiet:suppress output information when pushing images' '--tls-verify:require HTTPS and verify certificates' '--creds:credentials to use for this push' '--cert-dir:use the certificates (*.crt, *.cert, *.key) in this directory for the registry' '-h:display help for command' '--help:display help for command' ;;
    'images') printf '%s\n' '-a:show all images (default hides intermediate images)' '--all:show all images (default hides intermediate images)' '-q:display only image IDs' '--quiet:display only image IDs' '--format:pretty-print images using a Go template, or json' '-f:filter output based on conditions provided' '--filter:filter output based on conditions provided' '--digests:show digests' '--no-trunc:do not truncate output' '-n:do not print column headings' '--noheading:do not print column headings' '-h:display help for command' '--help:display help for command' ;;
    'tag') printf '%s\n' '-h:display help for command' '--help:display help for command' ;;
    'untag') printf '%s\n' '-h:display help for command' '--help:display help for command' ;;
    'rmi') printf '%s\n' '-f:remove the image even if containers use it, and all its names' '--force:remove the image even if containers use it, and all its names' '-a:remove all images' '--all:remove all images' '-i:ignore errors if a specified image does not exist' '--ignore:ignore errors if a specified image does not exist' '-h:display help for command' '--help:display help for command' ;;
    'save') printf '%s\n' '-o:write to a file (default: stdout, which must not be a terminal)' '--output:write to a file (default: stdout, which must not be a terminal)' '--format:docker-archive or oci-archive' '-q:suppress the output' '--quiet:suppress the output' '-h:display help for command' '--help:display help for command' ;;
    'load') printf '%s\n' '-i:read from a file (default: stdin)' '--input:read from a file (default: stdin)' '-q:suppress the progress output' '--quiet:suppress the progress output' '-h:display help for command' '--help:display help for command' ;;
    'history') printf '%s\n' '-q:display only the numeric IMAGE ID' '--quiet:display only the numeric IMAGE ID' '--format:change the output to JSON or a Go template' '--no-trunc:do not truncate the output' '-H:display sizes and dates in human readable format' '--human:display sizes and dates in human readable format' '-h:display help for command' '--help:display help for command' ;;
    'login') printf '%s\n' '-u:username' '--username:username' '-p:password' '--password:password' '--password-stdin:take the password from stdin' '--tls-verify:require HTTPS and verify certificates' '--cert-dir:use the certificates (*.crt, *.cert, *.key) in this directory for the registry' '-h:display help for command' '--help:display help for command' ;;
    'logout') printf '%s\n' '-a:remove the credentials of all registries' '--all:remove the credentials of all registries' '-h:display help for command' '--help:display help for command' ;;
    'build') printf '%s\n' '-t:name the resulting image (repeatable)' '--tag:name the resulting image (repeatable)' '-f:Dockerfile to use (default: CONTEXT/Dockerfile)' '--file:Dockerfile to use (default: CONTEXT/Dockerfile)' '--build-arg:build-time variable (repeatable)' '--label:label for the image (repeatable)' '--target:build up to this stage' '--iidfile:write the image id to this file' '-q:print only the image id' '--quiet:print only the image id' '--no-cache:do not use the build cache' '--pull:always pull the base images' '--network:network for RUN: default, none, host' '--rm:remove intermediate containers (always done)' '--force-rm:remove intermediate containers even after a failure (always done)' '-h:display help for command' '--help:display help for command' ;;
    'commit') printf '%s\n' '-c:apply a Dockerfile instruction to the image config (repeatable)' '--change:apply a Dockerfile instruction to the image config (repeatable)' '-m:commit message' '--message:commit message' '-a:author of the image' '--author:author of the image' '-q:print nothing but the id' '--quiet:print nothing but the id' '-p:pause the container while committing (not needed rootless)' '--pause:pause the container while committing (not needed rootless)' '-h:display help for command' '--help:display help for command' ;;
    'container') printf '%s\n' '-h:display help for command' '--help:display help for command' ;;
    'container run') printf '%s\n' '-d:run in the background and print the container id' '--detach:run in the background and print the container id' '--sig-proxy:proxy received signals to the container (default true)' '--detach-keys:key sequence for detaching from a -it container (default ctrl-p,ctrl-q)' '--rm:remove the container when it exits' '-i:keep stdin open' '--interactive:keep stdin open' '-t:allocate a pseudo-TTY' '--tty:allocate a pseudo-TTY' '--name:assign a name to the container' '-w:working directory inside the container' '--workdir:working directory inside the container' '-u:user[:group] to run as' '--user:user[:group] to run as' '--entrypoint:overwrite the default entrypoint of the image' '-h:container host name' '--hostname:container host name' '--read-only:mount the root filesystem read-only' '--privileged:give extended privileges to the container' '--init:run an init inside the container' '--restart:restart policy: no, on-failure[:N], always, unless-stopped' '--pull:pull image policy: always, missing, never, newer' '--stop-signal:signal to stop the container' '--stop-timeout:timeout to stop the container' '-m:memory limit' '--memory:memory limit' '--cpus:number of CPUs' '--network:network mode: none, host, slirp4netns, container:<id>, <network>' '--net:alias for --network' '--ip:IPv4 address on the network given with --network' '-P:publish all exposed ports to random ports' '--publish-all:publish all exposed ports to random ports' '-e:set environment variables' '--env:set environment variables' '--env-file:read environment variables from a file' '--group-add:additional groups to join' '-v:bind mount a volume' '--volume:bind mount a volume' '--mount:attach a filesystem mount' '--tmpfs:mount a tmpfs' '--cap-add:add capabilities' '--cap-drop:drop capabilities' '--security-opt:security options' '-l:set metadata on the container' '--label:set metadata on the container' '--label-file:read labels from a file' '--ulimit:ulimit options' '--log-opt:logging driver options' '-p:publish a container port to the host' '--publish:publish a container port to the host' '--dns:custom DNS servers' '--dns-search:custom DNS search domains' '--dns-option:custom DNS options' '--add-host:add a custom host-to-IP mapping' '--network-alias:add a network-scoped alias for the container' '--expose:expose a port' '--help:display help for command' ;;
    'container create') printf '%s\n' '--rm:remove the container when it exits' '-i:keep stdin open' '--interactive:keep stdin open' '-t:allocate a pseudo-TTY' '--tty:allocate a pseudo-TTY' '--name:assign a name to the container' '-w:working directory inside the container' '--workdir:working directory inside the container' '-u:user[:group] to run as' '--user:user[:group] to run as' '--entrypoint:overwrite the default entrypoint of the image' '-h:container host name' '--hostname:container host name' '--read-only:mount the root filesystem read-only' '--privileged:give extended privileges to the container' '--init:run an init inside the container' '--restart:restart policy: no, on-failure[:N], always, unless-stopped' '--pull:pull image policy: always, missing, never, newer' '--stop-signal:signal to stop the container' '--stop-timeout:timeout to stop the container' '-m:memory limit' '--memory:memory limit' '--cpus:number of CPUs' '--network:network mode: none, host, slirp4netns, container:<id>, <network>' '--net:alias for --network' '--ip:IPv4 address on the network given with --network' '-P:publish all exposed ports to random ports' '--publish-all:publish all exposed ports to random ports' '-e:set environment variables' '--env:set environment variables' '--env-file:read environment variables from a file' '--group-add:additional groups to join' '-v:bind mount a volume' '--volume:bind mount a volume' '--mount:attach a filesystem mount' '--tmpfs:mount a tmpfs' '--cap-add:add capabilities' '--cap-drop:drop capabilities' '--security-opt:security options' '-l:set metadata on the container' '--label:set metadata on the container' '--label-file:read labels from a file' '--ulimit:ulimit options' '--log-opt:logging driver options' '-p:publish a container port to the host' '--publish:publish a container port to the host' '--dns:custom DNS servers' '--dns-search:custom DNS search domains' '--dns-option:custom DNS options' '--add-host:add a custom host-to-IP mapping' '--network-alias:add a network-scoped alias for the container' '--expose:expose a port' '--help:display help for command' ;;
    'container start') printf '%s\n' '-a:attach to the container'\''s output (and exit with its code)' '--attach:attach to the container'\''s output (and exit with its code)' '-i:attach stdin as well' '--interactive:attach stdin as well' '--sig-proxy:proxy received signals (default true with -a)' '--detach-keys:key sequence for detaching (default ctrl-p,ctrl-q)' '-h:display help for command' '--help:display help for command' ;;
    'container stop') printf '%s\n' '-t:seconds to wait before killing the container' '--time:seconds to wait before killing the container' '-a:stop all running containers' '--all:stop all running containers' '-i:ignore missing containers' '--ignore:ignore missing containers' '-h:display help for command' '--help:display help for command' ;;
    'container kill') printf '%s\n' '-s:signal to send' '--signal:signal to send' '-a:signal all running containers' '--all:signal all running containers' '-h:display help for command' '--help:display help for command' ;;
    'container restart') printf '%s\n' '-t:seconds to wait before killing the container' '--time:seconds to wait before killing the container' '-a:restart all containers' '--all:restart all containers' '-h:display help for command' '--help:display help for command' ;;
    'container rm') printf '%s\n' '-f:force removal of a running container' '--force:force removal of a running container' '-v:remove anonymous volumes associated with the container' '--volumes:remove anonymous volumes associated with the container' '-a:remove all containers' '--all:remove all containers' '-i:ignore missing containers' '--ignore:ignore missing containers' '-t:seconds to wait before killing a running container with --force' '--time:seconds to wait before killing a running container with --force' '-h:display help for command' '--help:display help for command' ;;
    'container ls') printf '%s\n' '-a:show all the containers, default is only running containers' '--all:show all the containers, default is only running containers' '-q:print the numeric IDs of the containers only' '--quiet:print the numeric IDs of the containers only' '--no-trunc:do not truncate the output' '--format:pretty-print containers to JSON or using a Go template' '-f:filter output based on conditions given' '--filter:filter output based on conditions given' '-l:act on the latest container tsmoby is aware of' '--latest:act on the latest container tsmoby is aware of' '-n:print the n last created containers (all states)' '--last:print the n last created containers (all states)' '--noheading:do not print headers' '-h:display help for command' '--help:display help for command' ;;
    'container inspect') printf '%s\n' '-f:format the output with a Go template' '--format:format the output with a Go template' '-h:display help for command' '--help:display help for command' ;;
    'container logs') printf '%s\n' '-f:follow log output until the container exits' '--follow:follow log output until the container exits' '-n:output the specified number of lines at the end of the logs' '--tail:output the specified number of lines at the end of the logs' '--since:show logs since a timestamp or relative time (10m)' '--until:show logs until a timestamp or relative time' '-t:show timestamps' '--timestamps:show timestamps' '-h:display help for command' '--help:display help for command' ;;
    'container wait') printf '%s\n' '--condition:condition to wait on' '-h:display help for command' '--help:display help for command' ;;
    'container rename') printf '%s\n' '-h:display help for command' '--help:display help for command' ;;
    'container port') printf '%s\n' '-h:display help for command' '--help:display help for command' ;;
    'container exists') printf '%s\n' '-h:display help for command' '--help:display help for command' ;;
    'container prune') printf '%s\n' '-f:do not prompt for confirmation' '--force:do not prompt for confirmation' '--filter:filters' '-h:display help for command' '--help:display help for command' ;;
    'container cleanup') printf '%s\n' '-h:display help for command' '--help:display help for command' ;;
    'container cp') printf '%s\n' '-a:keep uid/gid information in the container (otherwise its root owns the copy)' '--archive:keep uid/gid information in the container (otherwise its root owns the copy)' '-L:accepted for compatibility' '--follow-link:accepted for compatibility' '-q:accepted for compatibility' '--quiet:accepted for compatibility' '-h:display help for command' '--help:display help for command' ;;
    'container diff') printf '%s\n' '--format:json, or a Go template over .Path and .Kind' '-h:display help for command' '--help:display help for command' ;;
    'container exec') printf '%s\n' '-i:keep stdin open' '--interactive:keep stdin open' '-t:allocate a pseudo-TTY' '--tty:allocate a pseudo-TTY' '-d:run the process in the background' '--detach:run the process in the background' '-e:set environment variables' '--env:set environment variables' '--env-file:read environment variables from a file' '-u:user[:group] to run as' '--user:user[:group] to run as' '-w:working directory' '--workdir:working directory' '--privileged:give the process all capabilities' '--detach-keys:key sequence for detaching (default ctrl-p,ctrl-q)' '-h:display help for command' '--help:display help for command' ;;
    'container attach') printf '%s\n' '--no-stdin:do not attach stdin' '--sig-proxy:proxy received signals to the container (default true)' '--detach-keys:key sequence for detaching (default ctrl-p,ctrl-q)' '-h:display help for command' '--help:display help for command' ;;
    'container top') printf '%s\n' '-h:display help for command' '--help:display help for command' ;;
    'volume') printf '%s\n' '-h:display help for command' '--help:display help for command' ;;
    'volume create') printf '%s\n' '-d:volume driver' '--driver:volume driver' '-l:set metadata' '--label:set metadata' '-o:driver options' '--opt:driver options' '--ignore:do not fail if the volume exists' '-h:display help for command' '--help:display help for command' ;;
    'volume ls') printf '%s\n' '-q:print volume names only' '--quiet:print volume names only' '--format:Go template or json' '-f:filter volumes' '--filter:filter volumes' '-n:do not print headers' '--noheading:do not print headers' '-h:display help for command' '--help:display help for command' ;;
    'volume inspect') printf '%s\n' '-f:Go template' '--format:Go template' '-a:inspect all volumes' '--all:inspect all volumes' '-h:display help for command' '--help:display help for command' ;;
    'volume rm') printf '%s\n' '-f:remove the volume and the containers using it' '--force:remove the volume and the containers using it' '-a:remove all volumes' '--all:remove all volumes' '-h:display help for command' '--help:display help for command' ;;
    'volume prune') printf '%s\n' '-f:do not prompt' '--force:do not prompt' '--filter:filters' '-h:display help for command' '--help:display help for command' ;;
    'volume exists') printf '%s\n' '-h:display help for command' '--help:display help for command' ;;
    'network') printf '%s\n' '-h:display help for command' '--help:display help for command' ;;
    'network create') printf '%s\n' '-d:driver (bridge)' '--driver:driver (bridge)' '--subnet:IPv4 subnet' '--gateway:gateway of the subnet' '--internal:no access to outside networks' '--label:set metadata' '--ignore:do not fail if the network exists' '-h:display help for command' '--help:display help for command' ;;
    'network ls') printf '%s\n' '-q:print names only' '--quiet:print names only' '--format:Go template or json' '-f:filter networks' '--filter:filter networks' '--noheading:do not print headers' '-h:display help for command' '--help:display help for command' ;;
    'network inspect') printf '%s\n' '-f:Go template' '--format:Go template' '-h:display help for command' '--help:display help for command' ;;
    'network rm') printf '%s\n' '-f:remove the containers using the network too' '--force:remove the containers using the network too' '-h:display help for command' '--help:display help for command' ;;
    'network prune') printf '%s\n' '-f:do not prompt' '--force:do not prompt' '--filter:filters' '-h:display help for command' '--help:display help for command' ;;
    'network connect') printf '%s\n' '--alias:network-scoped alias' '--ip:IPv4 address' '-h:display help for command' '--help:display help for command' ;;
    'network disconnect') printf '%s\n' '-f:accepted for compatibility' '--force:accepted for compatibility' '-h:display help for command' '--help:display help for command' ;;
    'network exists') printf '%s\n' '-h:display help for command' '--help:display help for command' ;;
    'run') printf '%s\n' '-d:run in the background and print the container id' '--detach:run in the background and print the container id' '--sig-proxy:proxy received signals to the container (default true)' '--detach-keys:key sequence for detaching from a -it container (default ctrl-p,ctrl-q)' '--rm:remove the container when it exits' '-i:keep stdin open' '--interactive:keep stdin open' '-t:allocate a pseudo-TTY' '--tty:allocate a pseudo-TTY' '--name:assign a name to the container' '-w:working directory inside the container' '--workdir:working directory inside the container' '-u:user[:group] to run as' '--user:user[:group] to run as' '--entrypoint:overwrite the default entrypoint of the image' '-h:container host name' '--hostname:container host name' '--read-only:mount the root filesystem read-only' '--privileged:give extended privileges to the container' '--init:run an init inside the container' '--restart:restart policy: no, on-failure[:N], always, unless-stopped' '--pull:pull image policy: always, missing, never, newer' '--stop-signal:signal to stop the container' '--stop-timeout:timeout to stop the container' '-m:memory limit' '--memory:memory limit' '--cpus:number of CPUs' '--network:network mode: none, host, slirp4netns, container:<id>, <network>' '--net:alias for --network' '--ip:IPv4 address on the network given with --network' '-P:publish all exposed ports to random ports' '--publish-all:publish all exposed ports to random ports' '-e:set environment variables' '--env:set environment variables' '--env-file:read environment variables from a file' '--group-add:additional groups to join' '-v:bind mount a volume' '--volume:bind mount a volume' '--mount:attach a filesystem mount' '--tmpfs:mount a tmpfs' '--cap-add:add capabilities' '--cap-drop:drop capabilities' '--security-opt:security options' '-l:set metadata on the container' '--label:set metadata on the container' '--label-file:read labels from a file' '--ulimit:ulimit options' '--log-opt:logging driver options' '-p:publish a container port to the host' '--publish:publish a container port to the host' '--dns:custom DNS servers' '--dns-search:custom DNS search domains' '--dns-option:custom DNS options' '--add-host:add a custom host-to-IP mapping' '--network-alias:add a network-scoped alias for the container' '--expose:expose a port' '--help:display help for command' ;;
    'create') printf '%s\n' '--rm:remove the container when it exits' '-i:keep stdin open' '--interactive:keep stdin open' '-t:allocate a pseudo-TTY' '--tty:allocate a pseudo-TTY' '--name:assign a name to the container' '-w:working directory inside the container' '--workdir:working directory inside the container' '-u:user[:group] to run as' '--user:user[:group] to run as' '--entrypoint:overwrite the default entrypoint of the image' '-h:container host name' '--hostname:container host name' '--read-only:mount the root filesystem read-only' '--privileged:give extended privileges to the container' '--init:run an init inside the container' '--restart:restart policy: no, on-failure[:N], always, unless-stopped' '--pull:pull image policy: always, missing, never, newer' '--stop-signal:signal to stop the container' '--stop-timeout:timeout to stop the container' '-m:memory limit' '--memory:memory limit' '--cpus:number of CPUs' '--network:network mode: none, host, slirp4netns, container:<id>, <network>' '--net:alias for --network' '--ip:IPv4 address on the network given with --network' '-P:publish all exposed ports to random ports' '--publish-all:publish all exposed ports to random ports' '-e:set environment variables' '--env:set environment variables' '--env-file:read environment variables from a file' '--group-add:additional groups to join' '-v:bind mount a volume' '--volume:bind mount a volume' '--mount:attach a filesystem mount' '--tmpfs:mount a tmpfs' '--cap-add:add capabilities' '--cap-drop:drop capabilities' '--security-opt:security options' '-l:set metadata on the container' '--label:set metadata on the container' '--label-file:read labels from a file' '--ulimit:ulimit options' '--log-opt:logging driver options' '-p:publish a container port to the host' '--publish:publish a container port to the host' '--dns:custom DNS servers' '--dns-search:custom DNS search domains' '--dns-option:custom DNS options' '--add-host:add a custom host-to-IP mapping' '--network-alias:add a network-scoped alias for the container' '--expose:expose a port' '--help:display help for command' ;;
    'start') printf '%s\n' '-a:attach to the container'\''s output (and exit with its code)' '--attach:attach to the container'\''s output (and exit with its code)' '-i:attach stdin as well' '--interactive:attach stdin as well' '--sig-proxy:proxy received signals (default true with -a)' '--detach-keys:key sequence for detaching (default ctrl-p,ctrl-q)' '-h:display help for command' '--help:display help for command' ;;
    'stop') printf '%s\n' '-t:seconds to wait before killing the container' '--time:seconds to wait before killing the container' '-a:stop all running containers' '--all:stop all running containers' '-i:ignore missing containers' '--ignore:ignore missing containers' '-h:display help for command' '--help:display help for command' ;;
    'kill') printf '%s\n' '-s:signal to send' '--signal:signal to send' '-a:signal all running containers' '--all:signal all running containers' '-h:display help for command' '--help:display help for command' ;;
    'restart') printf '%s\n' '-t:seconds to wait before killing the container' '--time:seconds to wait before killing the container' '-a:restart all containers' '--all:restart all containers' '-h:display help for command' '--help:display help for command' ;;
    'rm') printf '%s\n' '-f:force removal of a running container' '--force:force removal of a running container' '-v:remove anonymous volumes associated with the container' '--volumes:remove anonymous volumes associated with the container' '-a:remove all containers' '--all:remove all containers' '-i:ignore missing containers' '--ignore:ignore missing containers' '-t:seconds to wait before killing a running container with --force' '--time:seconds to wait before killing a running container with --force' '-h:display help for command' '--help:display help for command' ;;
    'ps') printf '%s\n' '-a:show all the containers, default is only running containers' '--all:show all the containers, default is only running containers' '-q:print the numeric IDs of the containers only' '--quiet:print the numeric IDs of the containers only' '--no-trunc:do not truncate the output' '--format:pretty-print containers to JSON or using a Go template' '-f:filter output based on conditions given' '--filter:filter output based on conditions given' '-l:act on the latest container tsmoby is aware of' '--latest:act on the latest container tsmoby is aware of' '-n:print the n last created containers (all states)' '--last:print the n last created containers (all states)' '--noheading:do not print headers' '-h:display help for command' '--help:display help for command' ;;
    'logs') printf '%s\n' '-f:follow log output until the container exits' '--follow:follow log output until the container exits' '-n:output the specified number of lines at the end of the logs' '--tail:output the specified number of lines at the end of the logs' '--since:show logs since a timestamp or relative time (10m)' '--until:show logs until a timestamp or relative time' '-t:show timestamps' '--timestamps:show timestamps' '-h:display help for command' '--help:display help for command' ;;
    'inspect') printf '%s\n' '-f:format the output with a Go template' '--format:format the output with a Go template' '-t:which kind of object: container, image or all' '--type:which kind of object: container, image or all' '-h:display help for command' '--help:display help for command' ;;
    'cp') printf '%s\n' '-a:keep uid/gid information in the container (otherwise its root owns the copy)' '--archive:keep uid/gid information in the container (otherwise its root owns the copy)' '-L:accepted for compatibility' '--follow-link:accepted for compatibility' '-q:accepted for compatibility' '--quiet:accepted for compatibility' '-h:display help for command' '--help:display help for command' ;;
    'diff') printf '%s\n' '--format:json, or a Go template over .Path and .Kind' '-h:display help for command' '--help:display help for command' ;;
    'wait') printf '%s\n' '--condition:condition to wait on' '-h:display help for command' '--help:display help for command' ;;
    'rename') printf '%s\n' '-h:display help for command' '--help:display help for command' ;;
    'exec') printf '%s\n' '-i:keep stdin open' '--interactive:keep stdin open' '-t:allocate a pseudo-TTY' '--tty:allocate a pseudo-TTY' '-d:run the process in the background' '--detach:run the process in the background' '-e:set environment variables' '--env:set environment variables' '--env-file:read environment variables from a file' '-u:user[:group] to run as' '--user:user[:group] to run as' '-w:working directory' '--workdir:working directory' '--privileged:give the process all capabilities' '--detach-keys:key sequence for detaching (default ctrl-p,ctrl-q)' '-h:display help for command' '--help:display help for command' ;;
    'attach') printf '%s\n' '--no-stdin:do not attach stdin' '--sig-proxy:proxy received signals to the container (default true)' '--detach-keys:key sequence for detaching (default ctrl-p,ctrl-q)' '-h:display help for command' '--help:display help for command' ;;
    'top') printf '%s\n' '-h:display help for command' '--help:display help for command' ;;
    'port') printf '%s\n' '-h:display help for command' '--help:display help for command' ;;
    'system') printf '%s\n' '-h:display help for command' '--help:display help for command' ;;
    'system reset') printf '%s\n' '-f:do not prompt for confirmation' '--force:do not prompt for confirmation' '-h:display help for command' '--help:display help for command' ;;
    'system info') printf '%s\n' '-f:change the output format to JSON or a Go template' '--format:change the output format to JSON or a Go template' '-h:display help for command' '--help:display help for command' ;;
    'system df') printf '%s\n' '--format:format the output with a Go template or json' '-h:display help for command' '--help:display help for command' ;;
    'system events') printf '%s\n' '--since:show events created since this time (RFC 3339, Unix seconds, or a duration like 10m)' '--until:stop at this time' '-f:filter output (container=, image=, type=, event=, label=)' '--filter:filter output (container=, image=, type=, event=, label=)' '--format:format the output with a Go template or json' '--stream:stream new events (default true)' '-h:display help for command' '--help:display help for command' ;;
    'system service') printf '%s\n' '-t:seconds of inactivity before the service exits, 0 = never' '--time:seconds of inactivity before the service exits, 0 = never' '-h:display help for command' '--help:display help for command' ;;
    'info') printf '%s\n' '-f:change the output format to JSON or a Go template' '--format:change the output format to JSON or a Go template' '-h:display help for command' '--help:display help for command' ;;
    'events') printf '%s\n' '--since:show events created since this time (RFC 3339, Unix seconds, or a duration like 10m)' '--until:stop at this time' '-f:filter output (container=, image=, type=, event=, label=)' '--filter:filter output (container=, image=, type=, event=, label=)' '--format:format the output with a Go template or json' '--stream:stream new events (default true)' '-h:display help for command' '--help:display help for command' ;;
    'generate') printf '%s\n' '-h:display help for command' '--help:display help for command' ;;
    'generate systemd') printf '%s\n' '--api:generate tsmoby.socket and tsmoby.service for the Docker-compatible API' '--install:write the units into the user systemd directory instead of printing them' '-t:idle seconds before the API service exits' '--time:idle seconds before the API service exits' '-h:display help for command' '--help:display help for command' ;;
  esac
}

__tsmoby_valued() {
  case "$1" in
    '') printf '%s\n' '--root' '--runroot' '--runtime' '--conmon' '--registries-conf' '--storage-opt' '--log-level' ;;
    'version') printf '%s\n' '-f' '--format' ;;
    'image pull') printf '%s\n' '--platform' '--arch' '--os' '--creds' '--cert-dir' ;;
    'image push') printf '%s\n' '--creds' '--cert-dir' ;;
    'image ls') printf '%s\n' '--format' '-f' '--filter' ;;
    'image inspect') printf '%s\n' '-f' '--format' ;;
    'image prune') printf '%s\n' '--filter' ;;
    'image history') printf '%s\n' '--format' ;;
    'image save') printf '%s\n' '-o' '--output' '--format' ;;
    'image load') printf '%s\n' '-i' '--input' ;;
    'image build') printf '%s\n' '-t' '--tag' '-f' '--file' '--build-arg' '--label' '--target' '--iidfile' '--network' ;;
    'pull') printf '%s\n' '--platform' '--arch' '--os' '--creds' '--cert-dir' ;;
    'push') printf '%s\n' '--creds' '--cert-dir' ;;
    'images') printf '%s\n' '--format' '-f' '--filter' ;;
    'save') printf '%s\n' '-o' '--output' '--format' ;;
    'load') printf '%s\n' '-i' '--input' ;;
    'history') printf '%s\n' '--format' ;;
    'login') printf '%s\n' '-u' '--username' '-p' '--password' '--cert-dir' ;;
    'build') printf '%s\n' '-t' '--tag' '-f' '--file' '--build-arg' '--label' '--target' '--iidfile' '--network' ;;
    'commit') printf '%s\n' '-c' '--change' '-m' '--message' '-a' '--author' ;;
    'container run') printf '%s\n' '--sig-proxy' '--detach-keys' '--name' '-w' '--workdir' '-u' '--user' '--entrypoint' '-h' '--hostname' '--restart' '--pull' '--stop-signal' '--stop-timeout' '-m' '--memory' '--cpus' '--network' '--net' '--ip' '-e' '--env' '--env-file' '--group-add' '-v' '--volume' '--mount' '--tmpfs' '--cap-add' '--cap-drop' '--security-opt' '-l' '--label' '--label-file' '--ulimit' '--log-opt' '-p' '--publish' '--dns' '--dns-search' '--dns-option' '--add-host' '--network-alias' '--expose' ;;
    'container create') printf '%s\n' '--name' '-w' '--workdir' '-u' '--user' '--entrypoint' '-h' '--hostname' '--restart' '--pull' '--stop-signal' '--stop-timeout' '-m' '--memory' '--cpus' '--network' '--net' '--ip' '-e' '--env' '--env-file' '--group-add' '-v' '--volume' '--mount' '--tmpfs' '--cap-add' '--cap-drop' '--security-opt' '-l' '--label' '--label-file' '--ulimit' '--log-opt' '-p' '--publish' '--dns' '--dns-search' '--dns-option' '--add-host' '--network-alias' '--expose' ;;
    'container start') printf '%s\n' '--sig-proxy' '--detach-keys' ;;
    'container stop') printf '%s\n' '-t' '--time' ;;
    'container kill') printf '%s\n' '-s' '--signal' ;;
    'container restart') printf '%s\n' '-t' '--time' ;;
    'container rm') printf '%s\n' '-t' '--time' ;;
    'container ls') printf '%s\n' '--format' '-f' '--filter' '-n' '--last' ;;
    'container inspect') printf '%s\n' '-f' '--format' ;;
    'container logs') printf '%s\n' '-n' '--tail' '--since' '--until' ;;
    'container wait') printf '%s\n' '--condition' ;;
    'container prune') printf '%s\n' '--filter' ;;
    'container diff') printf '%s\n' '--format' ;;
    'container exec') printf '%s\n' '-e' '--env' '--env-file' '-u' '--user' '-w' '--workdir' '--detach-keys' ;;
    'container attach') printf '%s\n' '--sig-proxy' '--detach-keys' ;;
    'volume create') printf '%s\n' '-d' '--driver' '-l' '--label' '-o' '--opt' ;;
    'volume ls') printf '%s\n' '--format' '-f' '--filter' ;;
    'volume inspect') printf '%s\n' '-f' '--format' ;;
    'volume prune') printf '%s\n' '--filter' ;;
    'network create') printf '%s\n' '-d' '--driver' '--subnet' '--gateway' '--label' ;;
    'network ls') printf '%s\n' '--format' '-f' '--filter' ;;
    'network inspect') printf '%s\n' '-f' '--format' ;;
    'network prune') printf '%s\n' '--filter' ;;
    'network connect') printf '%s\n' '--alias' '--ip' ;;
    'run') printf '%s\n' '--sig-proxy' '--detach-keys' '--name' '-w' '--workdir' '-u' '--user' '--entrypoint' '-h' '--hostname' '--restart' '--pull' '--stop-signal' '--stop-timeout' '-m' '--memory' '--cpus' '--network' '--net' '--ip' '-e' '--env' '--env-file' '--group-add' '-v' '--volume' '--mount' '--tmpfs' '--cap-add' '--cap-drop' '--security-opt' '-l' '--label' '--label-file' '--ulimit' '--log-opt' '-p' '--publish' '--dns' '--dns-search' '--dns-option' '--add-host' '--network-alias' '--expose' ;;
    'create') printf '%s\n' '--name' '-w' '--workdir' '-u' '--user' '--entrypoint' '-h' '--hostname' '--restart' '--pull' '--stop-signal' '--stop-timeout' '-m' '--memory' '--cpus' '--network' '--net' '--ip' '-e' '--env' '--env-file' '--group-add' '-v' '--volume' '--mount' '--tmpfs' '--cap-add' '--cap-drop' '--security-opt' '-l' '--label' '--label-file' '--ulimit' '--log-opt' '-p' '--publish' '--dns' '--dns-search' '--dns-option' '--add-host' '--network-alias' '--expose' ;;
    'start') printf '%s\n' '--sig-proxy' '--detach-keys' ;;
    'stop') printf '%s\n' '-t' '--time' ;;
    'kill') printf '%s\n' '-s' '--signal' ;;
    'restart') printf '%s\n' '-t' '--time' ;;
    'rm') printf '%s\n' '-t' '--time' ;;
    'ps') printf '%s\n' '--format' '-f' '--filter' '-n' '--last' ;;
    'logs') printf '%s\n' '-n' '--tail' '--since' '--until' ;;
    'inspect') printf '%s\n' '-f' '--format' '-t' '--type' ;;
    'diff') printf '%s\n' '--format' ;;
    'wait') printf '%s\n' '--condition' ;;
    'exec') printf '%s\n' '-e' '--env' '--env-file' '-u' '--user' '-w' '--workdir' '--detach-keys' ;;
    'attach') printf '%s\n' '--sig-proxy' '--detach-keys' ;;
    'system info') printf '%s\n' '-f' '--format' ;;
    'system df') printf '%s\n' '--format' ;;
    'system events') printf '%s\n' '--since' '--until' '-f' '--filter' '--format' ;;
    'system service') printf '%s\n' '-t' '--time' ;;
    'info') printf '%s\n' '-f' '--format' ;;
    'events') printf '%s\n' '--since' '--until' '-f' '--filter' '--format' ;;
    'generate systemd') printf '%s\n' '-t' '--time' ;;
  esac
}

_tsmoby() {
  local cword=$CURRENT
  local cmdpath='' skip=0 i w next
  for ((i = 2; i < cword; i++)); do
    w="${words[i]}"
    if ((skip)); then skip=0; continue; fi
    if [[ $w == -* ]]; then
      if [[ $w != *=* ]] && __tsmoby_valued "$cmdpath" | grep -qxF -- "$w"; then skip=1; fi
      continue
    fi
    next="$(__tsmoby_child "$cmdpath" "$w")"
    [[ -n $next ]] && cmdpath="$next"
  done
  if ((skip)); then _files; return; fi
  local -a entries
  if [[ ${words[CURRENT]} == -* ]]; then
    entries=(${(f)"$(__tsmoby_options "$cmdpath")"})
    _describe -t options option entries
  else
    entries=(${(f)"$(__tsmoby_commands "$cmdpath")"})
    if (( ${#entries} )); then _describe -t commands command entries; else _files; fi
  fi
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _tsmoby "$@"; else compdef _tsmoby tsmoby; fi
