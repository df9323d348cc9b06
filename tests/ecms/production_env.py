"""Values a production configuration is given in the settings and serving tests."""

GOOD_KEY = "k3y-" + "Zq8w1LmN0pRsT2uVxY4aBcD5eFgH6iJk7OoP9qRs0tUv1WxY2zA3bC4"
SMTP = "django.core.mail.backends.smtp.EmailBackend"
