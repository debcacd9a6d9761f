# One image for every service; docker-compose.yml picks the command.
FROM node:20.20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY schema/package.json schema/
COPY subgraphs/kit/package.json subgraphs/kit/
COPY subgraphs/identity/package.json subgraphs/identity/
COPY subgraphs/org/package.json subgraphs/org/
COPY subgraphs/token/package.json subgraphs/token/
COPY subgraphs/chain/package.json subgraphs/chain/
COPY subgraphs/notification/package.json subgraphs/notification/
COPY subgraphs/payment/package.json subgraphs/payment/
COPY subgraphs/analytics/package.json subgraphs/analytics/
COPY gateway/package.json gateway/
COPY platform/package.json platform/
COPY web/package.json web/
COPY sdk/package.json sdk/
RUN npm ci --no-audit --no-fund
COPY . .
ENV HOST=0.0.0.0 DATA_DIR=/data
