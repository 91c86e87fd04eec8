# syntax=docker/dockerfile:1

# ---- build ---------------------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build

# Dependencies get their own layer, so a source change does not download them again
COPY pom.xml .
RUN mvn -B -q dependency:go-offline

COPY src ./src
COPY db ./db
RUN mvn -B -q package -DskipTests \
 && java -Djarmode=tools -jar target/whatsapp-agent-hub.jar extract --layers --launcher --destination target/extracted

# ---- runtime -------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre

# curl serves the health check
RUN if ! command -v curl >/dev/null 2>&1; then \
      apt-get update \
      && apt-get install -y --no-install-recommends curl \
      && rm -rf /var/lib/apt/lists/*; \
    fi \
 && groupadd --system hub \
 && useradd --system --gid hub --home-dir /app --no-create-home --shell /usr/sbin/nologin hub \
 && mkdir -p /data/kafka \
 && chown -R hub:hub /data

WORKDIR /app
# The jar's layers, least to most often changed, so an application-only change rebuilds one thin layer
COPY --from=build /build/target/extracted/dependencies/ ./
COPY --from=build /build/target/extracted/spring-boot-loader/ ./
COPY --from=build /build/target/extracted/snapshot-dependencies/ ./
COPY --from=build /build/target/extracted/application/ ./

# ExitOnOutOfMemoryError: a JVM out of heap is in an unknown state; let the restart policy replace it
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError" \
    HUB_KAFKA_DATA_DIR=/data/kafka

# Log segments of the embedded Kafka broker (used when HUB_KAFKA_BROKERS is empty)
VOLUME /data

USER hub
EXPOSE 8080

HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=5 \
  CMD curl -fsS -o /dev/null http://localhost:8080/actuator/health || exit 1

# exec: java becomes PID 1 and gets SIGTERM, so the graceful shutdown runs; arguments pass through
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS org.springframework.boot.loader.launch.JarLauncher \"$@\"", "hub"]
