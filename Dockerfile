# migrate in a container: build on Debian 12 with the same packages as scripts/setup, run on
# debian:12-slim with only the runtime libraries.
#   docker build -t migrate .
#   docker run --rm -v "$PWD/migrations:/work/migrations" -w /work migrate lint --dialect postgres migrations
FROM debian:12 AS build
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends \
      build-essential cmake ninja-build pkg-config \
      libpg-query-dev libpqxx-dev libmysqlcppconn-dev libsqlitecpp-dev libsqlite3-dev \
      libcli11-dev libspdlog-dev libfmt-dev \
      nlohmann-json3-dev rapidjson-dev libtomlplusplus-dev libssl-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DMIGRATE_BUILD_TESTS=OFF \
 && cmake --build /build --target migrate \
 && strip /build/migrate

FROM debian:12-slim
ENV DEBIAN_FRONTEND=noninteractive
# libpg_query, libpqxx, Connector/C++, spdlog, fmt and toml++ are linked dynamically;
# SQLiteCpp is a static library.
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends \
      libpg-query1504.0 libpqxx-6.4 libpq5 libmysqlcppconn7v5 libmariadb3 libsqlite3-0 \
      libspdlog1.10 libfmt9 libtomlplusplus3 libssl3 ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /work migrate
COPY --from=build /build/migrate /usr/local/bin/migrate
USER migrate
WORKDIR /work
ENTRYPOINT ["migrate"]
CMD ["--help"]
