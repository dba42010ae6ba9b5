# Floe's image: bin/floe on /fluentd/etc/fluent.conf, Fluentd's image paths, so users' volume mounts keep working.
#   docker build -t floe .
#   docker run -p 24224:24224 -p 24224:24224/udp -p 24220:24220 -v $PWD/fluent.conf:/fluentd/etc/fluent.conf floe

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY conf conf
COPY buffer buffer
COPY agent agent
COPY inputs inputs
COPY outputs outputs
RUN mvn -B -ntp -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN mkdir -p /opt/floe/bin /opt/floe/lib /fluentd/etc /fluentd/log /fluentd/buffer
COPY --from=build /src/agent/core/target/lib/ /opt/floe/lib/
COPY --from=build /src/agent/core/target/floe-agent.jar /opt/floe/lib/
COPY bin/floe /opt/floe/bin/floe
COPY examples/docker/fluent.conf /fluentd/etc/fluent.conf
ENV FLUENT_CONF=/fluentd/etc/fluent.conf
# Buffers, positions and backups (the <system> root_dir unless the config names one).
VOLUME ["/fluentd/buffer"]
EXPOSE 24224/tcp 24224/udp 24220/tcp
ENTRYPOINT ["/opt/floe/bin/floe", "--data-dir", "/fluentd/buffer"]
CMD ["-c", "/fluentd/etc/fluent.conf"]
