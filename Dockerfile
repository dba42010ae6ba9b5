# Floe's image: bin/floe on /fluentd/etc/fluent.conf, Fluentd's image paths, so users' volume mounts keep working.
#   docker build -t floe .
#   docker run -p 24224:24224 -p 24224:24224/udp -p 24220:24220 -v $PWD/fluent.conf:/fluentd/etc/fluent.conf floe
#   docker run --rm floe --dry-run -c /fluentd/etc/fluent.conf      # validate a configuration, exit 0 or 1
# Base images are build arguments (without Docker Hub: --build-arg BUILD_IMAGE=... --build-arg RUNTIME_IMAGE=...).
# BUILD_IMAGE needs a JDK 17+ and mvn on PATH; RUNTIME_IMAGE a Java 17+ runtime (java on PATH or $JAVA_HOME) and bash.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

# Every pom.xml of the reactor and nothing else, so the dependency layer below is rebuilt only when a pom
# changes, and no list of modules here has to follow <modules> in pom.xml.
FROM ${BUILD_IMAGE} AS poms
WORKDIR /src
COPY . .
RUN mkdir /poms && find . -name pom.xml -exec cp -p --parents {} /poms \;

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY --from=poms /poms/ ./
# Downloads the dependencies and plugins by packaging the source-less reactor (empty jars, thrown away):
# dependency:go-offline fails on this reactor (an optional test dependency, netty-tcnative with
# ${os.detected.classifier}, via fluency) and misses the plugins' own dependencies.
RUN mvn -B -ntp -q -Dmaven.test.skip=true -Dfloe.cds.skip=true package && find . -name target -type d -prune -exec rm -rf {} +
COPY . .
# maven.test.skip: the image needs no test classes, so tests are neither compiled nor run (CI runs them).
# floe.cds.skip: the class-data-sharing archive belongs to the runtime image's JVM and paths; it is written below.
RUN mvn -B -ntp -q -Dmaven.test.skip=true -Dfloe.cds.skip=true package

FROM ${RUNTIME_IMAGE}
# Runs as root, like Fluentd's DaemonSet image: a node agent tails root-owned 0640 logs under /var/log and
# /var/lib/docker/containers and keeps positions in hostPath directories. For a forward-only agent that
# reads no host files, run as the unprivileged user instead: docker run --user floe (Kubernetes: runAsUser 10001).
RUN groupadd --gid 10001 floe \
 && useradd --uid 10001 --gid floe --home-dir /fluentd --no-create-home --shell /usr/sbin/nologin floe \
 && mkdir -p /fluentd/etc /fluentd/log /fluentd/buffer \
 && chown floe:floe /fluentd/log /fluentd/buffer
COPY --from=build /src/agent/core/target/lib/ /opt/floe/lib/
COPY --from=build /src/agent/core/target/floe-agent.jar /opt/floe/lib/
# bin/floe sets the JVM flags (SerialGC, heap and direct memory from the container's memory limit, Chronicle's
# --add-opens...); JAVA_OPTS adds to them.
# It execs java, so java is PID 1 and gets docker stop's SIGTERM itself: Floe shuts its plugins down and exits 0.
COPY bin/floe /opt/floe/bin/floe
# The class-data-sharing archive (/opt/floe/lib/floe.jsa) for this image's JVM: the agent listens sooner.
RUN /opt/floe/bin/floe --write-cds-archive
COPY examples/docker/fluent.conf /fluentd/etc/fluent.conf
ENV FLUENT_CONF=/fluentd/etc/fluent.conf
# Buffers, positions and backups. --data-dir below takes precedence over a config's <system> root_dir.
VOLUME ["/fluentd/buffer"]
EXPOSE 24224/tcp 24224/udp 24220/tcp
ENTRYPOINT ["/opt/floe/bin/floe", "--data-dir", "/fluentd/buffer"]
CMD ["-c", "/fluentd/etc/fluent.conf"]
