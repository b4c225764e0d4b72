# primehub's image for those who build with Docker. `make image` builds the same image
# without Docker (deploy/image); deploy/image's tests keep the final stage's ENTRYPOINT,
# CMD and USER in step with it.
FROM node:22-bookworm AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

FROM golang:1.26-bookworm AS build
ARG VERSION=dev
ARG COMMIT=unknown
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=web /src/internal/console/static/dist internal/console/static/dist
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w \
      -X github.com/primehub/primehub/internal/version.Version=${VERSION} \
      -X github.com/primehub/primehub/internal/version.Commit=${COMMIT}" \
      -o /out/primehub ./cmd/primehub && \
    mkdir -p /out/home /out/tmp && chmod 1777 /out/tmp

FROM scratch
LABEL org.opencontainers.image.title="primehub" \
      org.opencontainers.image.description="PrimeHub: a multi-user machine-learning platform on Kubernetes" \
      org.opencontainers.image.source="https://github.com/primehub/primehub"
COPY deploy/image/rootfs/ /
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build --chown=65532:65532 /out/home /home/primehub
COPY --from=build /out/tmp /tmp
COPY --from=build /out/primehub /usr/local/bin/primehub
ENV PATH=/usr/local/bin HOME=/home/primehub
WORKDIR /home/primehub
EXPOSE 8080 8081 9443
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/primehub"]
CMD ["serve"]
