// Tests never reach AWS: fake credentials and a fixed region, so an SDK client that escapes an
// emulator fails on a refused connection instead of signing with someone's real keys.
process.env.AWS_ACCESS_KEY_ID = 'local';
process.env.AWS_SECRET_ACCESS_KEY = 'local';
process.env.AWS_REGION = 'eu-west-2';
process.env.AWS_REQUEST_CHECKSUM_CALCULATION = 'WHEN_REQUIRED';
process.env.AWS_RESPONSE_CHECKSUM_VALIDATION = 'WHEN_REQUIRED';
delete process.env.AWS_PROFILE;
// Handlers log through Powertools; tests assert outcomes instead of reading logs (the observability
// test raises the level on its own logger), count through a fake, and have no X-Ray daemon.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_TRACE_ENABLED = 'false';
