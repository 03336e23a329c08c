# ML Team Planner, one app server. For the shared set-up (PostgreSQL, two replicas behind a
# proxy with sticky sessions) see compose.yaml and README "Shared deployment".
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY app.py ./
COPY pages ./pages
COPY mlplanner ./mlplanner
COPY .streamlit/config.toml ./.streamlit/config.toml

# Run as an unprivileged user; it may write only var/ (the SQLite default, unused with
# MLPLANNER_DATABASE_URL). secrets.toml is mounted read-only at /app/.streamlit/secrets.toml.
RUN useradd --system --uid 10001 --no-create-home --home-dir /app planner \
    && mkdir -p /app/var \
    && chown planner /app/var
USER planner

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() != b'ok')"]
CMD ["streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.port=8501", "--server.headless=true"]
