# The hub's JVM options, one place for ./run.sh (scripts/start-hub.sh), its archive training (scripts/prepare-hub.sh)
# and the benchmarks that start the hub as run.sh does. JAVA_OPTS replaces them. Sizing: README.md ("Memory and
# start-up").
HUB_JVM_OPTIONS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xms192m -Xmx192m -Xmn40m -XX:MaxMetaspaceSize=256m -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError"}
# glibc keeps up to 8 malloc arenas per core for native allocations (ONNX runtime, compression, NIO); two are enough
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
