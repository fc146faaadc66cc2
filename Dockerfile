# syntax=docker/dockerfile:1
# Production image for the herstelacademie: gunicorn serves the app, whitenoise the
# static files. The same image runs the Celery worker and beat (see docker-compose.yml).
# All configuration comes from environment variables at run time: see .env.example.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    VAR_DIR=/app/var

# An unprivileged user to run as; the code stays owned by root, so it cannot change it.
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --no-create-home --home-dir /app \
        --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, so code changes do not reinstall them. Every package is pinned
# with hashes; psycopg-binary and cryptography ship wheels, so no compiler is needed.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

COPY . .

# Static files are collected at build time. With DEBUG off, settings refuse to load
# without these variables, so this one step gets throwaway values; they are not kept
# in the image (no ENV), and the real ones come from the environment at run time.
# They are random: the app refuses any key that is written in the repository.
# VAR_DIR points at /tmp so the build leaves no root-owned SQLite or broker folders.
RUN export DEBUG=0 ALLOWED_HOSTS=localhost EMAIL_HOST=localhost VAR_DIR=/tmp/build-var \
 && export SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
 && export FIELD_ENCRYPTION_KEYS="$(python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
 && python manage.py collectstatic --noinput --verbosity 1 \
 && rm -rf /tmp/build-var \
 && mkdir -p /app/var \
 && chown app:app /app/var
# /app/var (VAR_DIR) is the only writable place: celery beat's schedule file, and the
# SQLite file when DATABASE_URL is unset. Compose mounts a volume there for beat.

# Numeric, so orchestrators can verify it is not root (runAsNonRoot).
USER 10001:10001

EXPOSE 8000

CMD ["gunicorn", "--config", "docker/gunicorn.conf.py", "herstelacademie.wsgi"]
