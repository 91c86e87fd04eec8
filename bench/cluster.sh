#!/usr/bin/env bash
# A 3-broker Kafka cluster on this machine (KRaft, each node broker and controller), from the Kafka the hub already
# depends on (kafka.Kafka on the hub's runtime class path); no Docker. Data and logs under bench/out/cluster.
#   bench/cluster.sh start [NODE...]   starts the nodes not running (all three by default) and waits for them;
#                                      a node's log is formatted once, so a restart keeps its data
#   bench/cluster.sh stop [NODE...]    stops them (SIGTERM, then SIGKILL after 30 s)
#   bench/cluster.sh kill NODE...      kill -9
#   bench/cluster.sh status            each node's process, and the cluster as its clients see it (topics, ISR)
#   bench/cluster.sh bootstrap         prints the bootstrap servers (hub.kafka.brokers)
#   bench/cluster.sh wipe              stops the cluster and removes its data
# CLUSTER_PORT (19192): node N's client port is CLUSTER_PORT+N-1, its controller port CLUSTER_PORT+100+N-1
# CLUSTER_JAVA_OPTS: the brokers' JVM options (a small heap, C1 only: the machine has few cores)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
CLUSTER_DIR=$OUT/cluster
CLUSTER_PORT=${CLUSTER_PORT:-19192}
NODES="1 2 3"
JAVA_OPTS=${CLUSTER_JAVA_OPTS:--Xms256m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ActiveProcessorCount=1}
mkdir -p "$CLUSTER_DIR"

client_port() { echo $((CLUSTER_PORT + $1 - 1)); }
controller_port() { echo $((CLUSTER_PORT + 100 + $1 - 1)); }
bootstrap() { local n out=; for n in $NODES; do out+="${out:+,}127.0.0.1:$(client_port "$n")"; done; echo "$out"; }
voters() { local n out=; for n in $NODES; do out+="${out:+,}$n@127.0.0.1:$(controller_port "$n")"; done; echo "$out"; }
pid_of() { cat "$CLUSTER_DIR/node-$1.pid" 2>/dev/null || true; }
running() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$(client_port "$1")") 2>/dev/null; }
kafka_java() { java $JAVA_OPTS -Dlogback.configurationFile="$BENCH_DIR/kafka-logback.xml" -cp "$(cat "$OUT/classpath.txt")" "$@"; }

configure() { # configure NODE: writes the node's server.properties
  cat >"$CLUSTER_DIR/node-$1.properties" <<PROPS
process.roles=broker,controller
node.id=$1
controller.quorum.voters=$(voters)
listeners=PLAINTEXT://127.0.0.1:$(client_port "$1"),CONTROLLER://127.0.0.1:$(controller_port "$1")
advertised.listeners=PLAINTEXT://127.0.0.1:$(client_port "$1")
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$CLUSTER_DIR/node-$1
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
auto.create.topics.enable=false
unclean.leader.election.enable=false
group.initial.rebalance.delay.ms=0
# a broker that stopped answering loses its partitions' leadership after 6 s (default 9 s)
broker.session.timeout.ms=6000
num.network.threads=2
num.io.threads=2
background.threads=2
log.retention.hours=168
PROPS
}

start_node() {
  local n=$1
  if running "$n"; then echo "node $n already running (pid $(pid_of "$n"))"; return; fi
  configure "$n"
  if [ ! -f "$CLUSTER_DIR/node-$n/meta.properties" ]; then
    [ -s "$CLUSTER_DIR/cluster.id" ] || kafka_java kafka.tools.StorageTool random-uuid >"$CLUSTER_DIR/cluster.id"
    kafka_java kafka.tools.StorageTool format --ignore-formatted -t "$(cat "$CLUSTER_DIR/cluster.id")" \
      -c "$CLUSTER_DIR/node-$n.properties" >>"$CLUSTER_DIR/node-$n.log" 2>&1
  fi
  # the JVM itself in the background, not a subshell around it: the recorded pid is the broker's
  # shellcheck disable=SC2086
  java $JAVA_OPTS -Dlogback.configurationFile="$BENCH_DIR/kafka-logback.xml" -cp "$(cat "$OUT/classpath.txt")" \
    kafka.Kafka "$CLUSTER_DIR/node-$n.properties" >>"$CLUSTER_DIR/node-$n.log" 2>&1 &
  echo $! >"$CLUSTER_DIR/node-$n.pid"
  echo "node $n started (pid $!, 127.0.0.1:$(client_port "$n"), log $CLUSTER_DIR/node-$n.log)"
}

wait_listening() { # the nodes' client ports accept connections (at most 120 s)
  local n
  for n in "$@"; do
    for _ in $(seq 1 240); do
      listening "$n" && continue 2
      running "$n" || { echo "node $n exited; see $CLUSTER_DIR/node-$n.log"; tail -5 "$CLUSTER_DIR/node-$n.log"; return 1; }
      sleep 0.5
    done
    echo "node $n did not listen within 120 s"; return 1
  done
}

stop_node() { # stop_node NODE [SIGNAL]
  local n=$1 pid
  pid=$(pid_of "$n")
  running "$n" || { rm -f "$CLUSTER_DIR/node-$n.pid"; return 0; }
  if [ "${2:-TERM}" = KILL ]; then
    kill -9 "$pid"; echo "node $n killed (kill -9, pid $pid)"
  else
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "node $n stopped"
  fi
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  rm -f "$CLUSTER_DIR/node-$n.pid"
}

status() {
  local n
  for n in $NODES; do
    if running "$n"; then echo "node $n: running (pid $(pid_of "$n")) on 127.0.0.1:$(client_port "$n")"; else echo "node $n: not running"; fi
  done
  java -Dlogback.configurationFile="$BENCH_DIR/kafka-logback.xml" -cp "$(cat "$OUT/classpath.txt")" \
    "$BENCH_DIR/src/ClusterStatus.java" "$(bootstrap)" "$@"
}

command=${1:-status}; shift || true
nodes=${*:-$NODES}
case $command in
  start)
    build_classpath
    for n in $nodes; do start_node "$n"; done
    # shellcheck disable=SC2086
    wait_listening $nodes ;;
  stop) for n in $nodes; do stop_node "$n"; done ;;
  kill) [ $# -gt 0 ] || { echo "kill needs the node(s): 1, 2 or 3"; exit 2; }; for n in $nodes; do stop_node "$n" KILL; done ;;
  status) build_classpath; status "$@" ;;
  bootstrap) bootstrap ;;
  wipe) for n in $NODES; do stop_node "$n"; done; rm -rf "$CLUSTER_DIR"; echo "cluster data removed" ;;
  *) echo "usage: bench/cluster.sh start|stop|kill|status|bootstrap|wipe [NODE...]"; exit 2 ;;
esac
