# bash completion for tsmoby
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
    '') printf '%s\n' 'version' 'completion' 'image' 'pull' 'push' 'images' 'tag' 'untag' 'rmi' 'save' 'load' 'history' 'login' 'logout' 'build' 'commit' 'container' 'volume' 'network' 'run' 'create' 'start' 'stop' 'kill' 'restart' 'rm' 'remove' 'ps' 'logs' 'inspect' 'cp' 'diff' 'wait' 'rename' 'exec' 'attach' 'top' 'port' 'system' 'info' 'events' 'generate' 'help' ;;
    'image') printf '%s\n' 'pull' 'push' 'ls' 'list' 'inspect' 'tag' 'untag' 'rm' 'remove' 'prune' 'exists' 'history' 'save' 'load' 'build' 'help' ;;
    'container') printf '%s\n' 'run' 'create' 'start' 'stop' 'kill' 'restart' 'rm' 'remove' 'ls' 'list' 'ps' 'inspect' 'logs' 'wait' 'rename' 'port' 'exists' 'prune' 'cleanup' 'cp' 'diff' 'exec' 'attach' 'top' 'help' ;;
    'volume') printf '%s\n' 'create' 'ls' 'list' 'inspect' 'rm' 'remove' 'prune' 'exists' 'help' ;;
    'network') printf '%s\n' 'create' 'ls' 'list' 'inspect' 'rm' 'remove' 'prune' 'connect' 'disconnect' 'exists' 'help' ;;
    'system') printf '%s\n' 'reset' 'info' 'df' 'events' 'service' 'help' ;;
    'generate') printf '%s\n' 'systemd' 'help' ;;
  esac
}

__tsmoby_options() {
  case "$1" in
    '') printf '%s\n' '-v' '--version' '--root' '--runroot' '--runtime' '--conmon' '--registries-conf' '--storage-opt' '--log-level' '-h' '--help' ;;
    'version') printf '%s\n' '-f' '--format' '-h' '--help' ;;
    'completion') printf '%s\n' '-h' '--help' ;;
    'image') printf '%s\n' '-h' '--help' ;;
    'image pull') printf '%s\n' '-q' '--quiet' '--platform' '--arch' '--os' '--tls-verify' '--creds' '--cert-dir' '-h' '--help' ;;
    'image push') printf '%s\n' '-q' '--quiet' '--tls-verify' '--creds' '--cert-dir' '-h' '--help' ;;
    'image ls') printf '%s\n' '-a' '--all' '-q' '--quiet' '--format' '-f' '--filter' '--digests' '--no-trunc' '-n' '--noheading' '-h' '--help' ;;
    'image inspect') printf '%s\n' '-f' '--format' '-h' '--help' ;;
    'image tag') printf '%s\n' '-h' '--help' ;;
    'image untag') printf '%s\n' '-h' '--help' ;;
    'image rm') printf '%s\n' '-f' '--force' '-a' '--all' '-i' '--ignore' '-h' '--help' ;;
    'image prune') printf '%s\n' '-a' '--all' '-f' '--force' '--filter' '-h' '--help' ;;
    'image exists') printf '%s\n' '-h' '--help' ;;
    'image history') printf '%s\n' '-q' '--quiet' '--format' '--no-trunc' '-H' '--human' '-h' '--help' ;;
    'image save') printf '%s\n' '-o' '--output' '--format' '-q' '--quiet' '-h' '--help' ;;
    'image load') printf '%s\n' '-i' '--input' '-q' '--quiet' '-h' '--help' ;;
    'image build') printf '%s\n' '-t' '--tag' '-f' '--file' '--build-arg' '--label' '--target' '--iidfile' '-q' '--quiet' '--no-cache' '--pull' '--network' '--rm' '--force-rm' '-h' '--help' ;;
    'pull') printf '%s\n' '-q' '--quiet' '--platform' '--arch' '--os' '--tls-verify' '--creds' '--cert-dir' '-h' '--help' ;;
    'push') printf '%s\n' '-q' '--quiet' '--tls-verify' '--creds' '--cert-dir' '-h' '--help' ;;
    'images') printf '%s\n' '-a' '--all' '-q' '--quiet' '--format' '-f' '--filter' '--digests' '--no-trunc' '-n' '--noheading' '-h' '--help' ;;
    'tag') printf '%s\n' '-h' '--help' ;;
    'untag') printf '%s\n' '-h' '--help' ;;
    'rmi') printf '%s\n' '-f' '--force' '-a' '--all' '-i' '--ignore' '-h' '--help' ;;
    'save') printf '%s\n' '-o' '--output' '--format' '-q' '--quiet' '-h' '--help' ;;
    'load') printf '%s\n' '-i' '--input' '-q' '--quiet' '-h' '--help' ;;
    'history') printf '%s\n' '-q' '--quiet' '--format' '--no-trunc' '-H' '--human' '-h' '--help' ;;
    'login') printf '%s\n' '-u' '--username' '-p' '--password' '--password-stdin' '--tls-verify' '--cert-dir' '-h' '--help' ;;
    'logout') printf '%s\n' '-a' '--all' '-h' '--help' ;;
    'build') printf '%s\n' '-t' '--tag' '-f' '--file' '--build-arg' '--label' '--target' '--iidfile' '-q' '--quiet' '--no-cache' '--pull' '--network' '--rm' '--force-rm' '-h' '--help' ;;
    'commit') printf '%s\n' '-c' '--change' '-m' '--message' '-a' '--author' '-q' '--quiet' '-p' '--pause' '-h' '--help' ;;
    'container') printf '%s\n' '-h' '--help' ;;
    'container run') printf '%s\n' '-d' '--detach' '--sig-proxy' '--detach-keys' '--rm' '-i' '--interactive' '-t' '--tty' '--name' '-w' '--workdir' '-u' '--user' '--entrypoint' '-h' '--hostname' '--read-only' '--privileged' '--init' '--restart' '--pull' '--stop-signal' '--stop-timeout' '-m' '--memory' '--cpus' '--network' '--net' '--ip' '-P' '--publish-all' '-e' '--env' '--env-file' '--group-add' '-v' '--volume' '--mount' '--tmpfs' '--cap-add' '--cap-drop' '--security-opt' '-l' '--label' '--label-file' '--ulimit' '--log-opt' '-p' '--publish' '--dns' '--dns-search' '--dns-option' '--add-host' '--network-alias' '--expose' '--help' ;;
    'container create') printf '%s\n' '--rm' '-i' '--interactive' '-t' '--tty' '--name' '-w' '--workdir' '-u' '--user' '--entrypoint' '-h' '--hostname' '--read-only' '--privileged' '--init' '--restart' '--pull' '--stop-signal' '--stop-timeout' '-m' '--memory' '--cpus' '--network' '--net' '--ip' '-P' '--publish-all' '-e' '--env' '--env-file' '--group-add' '-v' '--volume' '--mount' '--tmpfs' '--cap-add' '--cap-drop' '--security-opt' '-l' '--label' '--label-file' '--ulimit' '--log-opt' '-p' '--publish' '--dns' '--dns-search' '--dns-option' '--add-host' '--network-alias' '--expose' '--help' ;;
    'container start') printf '%s\n' '-a' '--attach' '-i' '--interactive' '--sig-proxy' '--detach-keys' '-h' '--help' ;;
    'container stop') printf '%s\n' '-t' '--time' '-a' '--all' '-i' '--ignore' '-h' '--help' ;;
    'container kill') printf '%s\n' '-s' '--signal' '-a' '--all' '-h' '--help' ;;
    'container restart') printf '%s\n' '-t' '--time' '-a' '--all' '-h' '--help' ;;
    'container rm') printf '%s\n' '-f' '--force' '-v' '--volumes' '-a' '--all' '-i' '--ignore' '-t' '--time' '-h' '--help' ;;
    'container ls') printf '%s\n' '-a' '--all' '-q' '--quiet' '--no-trunc' '--format' '-f' '--filter' '-l' '--latest' '-n' '--last' '--noheading' '-h' '--help' ;;
    'container inspect') printf '%s\n' '-f' '--format' '-h' '--help' ;;
    'container logs') printf '%s\n' '-f' '--follow' '-n' '--tail' '--since' '--until' '-t' '--timestamps' '-h' '--help' ;;
    'container wait') printf '%s\n' '--condition' '-h' '--help' ;;
    'container rename') printf '%s\n' '-h' '--help' ;;
    'container port') printf '%s\n' '-h' '--help' ;;
    'container exists') printf '%s\n' '-h' '--help' ;;
    'container prune') printf '%s\n' '-f' '--force' '--filter' '-h' '--help' ;;
    'container cleanup') printf '%s\n' '-h' '--help' ;;
    'container cp') printf '%s\n' '-a' '--archive' '-L' '--follow-link' '-q' '--quiet' '-h' '--help' ;;
    'container diff') printf '%s\n' '--format' '-h' '--help' ;;
    'container exec') printf '%s\n' '-i' '--interactive' '-t' '--tty' '-d' '--detach' '-e' '--env' '--env-file' '-u' '--user' '-w' '--workdir' '--privileged' '--detach-keys' '-h' '--help' ;;
    'container attach') printf '%s\n' '--no-stdin' '--sig-proxy' '--detach-keys' '-h' '--help' ;;
    'container top') printf '%s\n' '-h' '--help' ;;
    'volume') printf '%s\n' '-h' '--help' ;;
    'volume create') printf '%s\n' '-d' '--driver' '-l' '--label' '-o' '--opt' '--ignore' '-h' '--help' ;;
    'volume ls') printf '%s\n' '-q' '--quiet' '--format' '-f' '--filter' '-n' '--noheading' '-h' '--help' ;;
    'volume inspect') printf '%s\n' '-f' '--format' '-a' '--all' '-h' '--help' ;;
    'volume rm') printf '%s\n' '-f' '--force' '-a' '--all' '-h' '--help' ;;
    'volume prune') printf '%s\n' '-f' '--force' '--filter' '-h' '--help' ;;
    'volume exists') printf '%s\n' '-h' '--help' ;;
    'network') printf '%s\n' '-h' '--help' ;;
    'network create') printf '%s\n' '-d' '--driver' '--subnet' '--gateway' '--internal' '--label' '--ignore' '-h' '--help' ;;
    'network ls') printf '%s\n' '-q' '--quiet' '--format' '-f' '--filter' '--noheading' '-h' '--help' ;;
    'network inspect') printf '%s\n' '-f' '--format' '-h' '--help' ;;
    'network rm') printf '%s\n' '-f' '--force' '-h' '--help' ;;
    'network prune') printf '%s\n' '-f' '--force' '--filter' '-h' '--help' ;;
    'network connect') printf '%s\n' '--alias' '--ip' '-h' '--help' ;;
    'network disconnect') printf '%s\n' '-f' '--force' '-h' '--help' ;;
    'network exists') printf '%s\n' '-h' '--help' ;;
    'run') printf '%s\n' '-d' '--detach' '--sig-proxy' '--detach-keys' '--rm' '-i' '--interactive' '-t' '--tty' '--name' '-w' '--workdir' '-u' '--user' '--entrypoint' '-h' '--hostname' '--read-only' '--privileged' '--init' '--restart' '--pull' '--stop-signal' '--stop-timeout' '-m' '--memory' '--cpus' '--network' '--net' '--ip' '-P' '--publish-all' '-e' '--env' '--env-file' '--group-add' '-v' '--volume' '--mount' '--tmpfs' '--cap-add' '--cap-drop' '--security-opt' '-l' '--label' '--label-file' '--ulimit' '--log-opt' '-p' '--publish' '--dns' '--dns-search' '--dns-option' '--add-host' '--network-alias' '--expose' '--help' ;;
    'create') printf '%s\n' '--rm' '-i' '--interactive' '-t' '--tty' '--name' '-w' '--workdir' '-u' '--user' '--entrypoint' '-h' '--hostname' '--read-only' '--privileged' '--init' '--restart' '--pull' '--stop-signal' '--stop-timeout' '-m' '--memory' '--cpus' '--network' '--net' '--ip' '-P' '--publish-all' '-e' '--env' '--env-file' '--group-add' '-v' '--volume' '--mount' '--tmpfs' '--cap-add' '--cap-drop' '--security-opt' '-l' '--label' '--label-file' '--ulimit' '--log-opt' '-p' '--publish' '--dns' '--dns-search' '--dns-option' '--add-host' '--network-alias' '--expose' '--help' ;;
    'start') printf '%s\n' '-a' '--attach' '-i' '--interactive' '--sig-proxy' '--detach-keys' '-h' '--help' ;;
    'stop') printf '%s\n' '-t' '--time' '-a' '--all' '-i' '--ignore' '-h' '--help' ;;
    'kill') printf '%s\n' '-s' '--signal' '-a' '--all' '-h' '--help' ;;
    'restart') printf '%s\n' '-t' '--time' '-a' '--all' '-h' '--help' ;;
    'rm') printf '%s\n' '-f' '--force' '-v' '--volumes' '-a' '--all' '-i' '--ignore' '-t' '--time' '-h' '--help' ;;
    'ps') printf '%s\n' '-a' '--all' '-q' '--quiet' '--no-trunc' '--format' '-f' '--filter' '-l' '--latest' '-n' '--last' '--noheading' '-h' '--help' ;;
    'logs') printf '%s\n' '-f' '--follow' '-n' '--tail' '--since' '--until' '-t' '--timestamps' '-h' '--help' ;;
    'inspect') printf '%s\n' '-f' '--format' '-t' '--type' '-h' '--help' ;;
    'cp') printf '%s\n' '-a' '--archive' '-L' '--follow-link' '-q' '--quiet' '-h' '--help' ;;
    'diff') printf '%s\n' '--format' '-h' '--help' ;;
    'wait') printf '%s\n' '--condition' '-h' '--help' ;;
    'rename') printf '%s\n' '-h' '--help' ;;
    'exec') printf '%s\n' '-i' '--interactive' '-t' '--tty' '-d' '--detach' '-e' '--env' '--env-file' '-u' '--user' '-w' '--workdir' '--privileged' '--detach-keys' '-h' '--help' ;;
    'attach') printf '%s\n' '--no-stdin' '--sig-proxy' '--detach-keys' '-h' '--help' ;;
    'top') printf '%s\n' '-h' '--help' ;;
    'port') printf '%s\n' '-h' '--help' ;;
    'system') printf '%s\n' '-h' '--help' ;;
    'system reset') printf '%s\n' '-f' '--force' '-h' '--help' ;;
    'system info') printf '%s\n' '-f' '--format' '-h' '--help' ;;
    'system df') printf '%s\n' '--format' '-h' '--help' ;;
    'system events') printf '%s\n' '--since' '--until' '-f' '--filter' '--format' '--stream' '-h' '--help' ;;
    'system service') printf '%s\n' '-t' '--time' '-h' '--help' ;;
    'info') printf '%s\n' '-f' '--format' '-h' '--help' ;;
    'events') printf '%s\n' '--since' '--until' '-f' '--filter' '--format' '--stream' '-h' '--help' ;;
    'generate') printf '%s\n' '-h' '--help' ;;
    'generate systemd') printf '%s\n' '--api' '--install' '-t' '--time' '-h' '--help' ;;
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
  local cur="${COMP_WORDS[COMP_CWORD]}" cword=$COMP_CWORD
  local -a words=("${COMP_WORDS[@]}")
  local cmdpath='' skip=0 i w next
  for ((i = 1; i < cword; i++)); do
    w="${words[i]}"
    if ((skip)); then skip=0; continue; fi
    if [[ $w == -* ]]; then
      if [[ $w != *=* ]] && __tsmoby_valued "$cmdpath" | grep -qxF -- "$w"; then skip=1; fi
      continue
    fi
    next="$(__tsmoby_child "$cmdpath" "$w")"
    [[ -n $next ]] && cmdpath="$next"
  done
  ((skip)) && return 0
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(__tsmoby_options "$cmdpath")" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$(__tsmoby_commands "$cmdpath")" -- "$cur"))
  fi
}
complete -o default -F _tsmoby tsmoby
