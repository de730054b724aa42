# The safety app takes over the vault's Block and CheckinReminder models: the
# tables already exist (renamed by vault 0004), so only the state changes.

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("accounts", "0003_team_support"),
        ("conversations", "0003_heavy_by_user"),
        ("vault", "0004_blocks_leave_for_safety"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Block",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("uid", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ("block_hash", models.CharField(max_length=64)),
                        ("label_sealed", models.BinaryField(max_length=2048)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("lifted_at", models.DateTimeField(null=True)),
                        ("created_by", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("label_epoch", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="vault.epoch")),
                        ("lifted_by", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("program", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="blocks", to="accounts.program")),
                    ],
                    options={
                        "constraints": [models.UniqueConstraint(condition=models.Q(("lifted_at__isnull", True)), fields=("program", "block_hash"), name="block_one_active_per_number")],
                    },
                ),
                migrations.CreateModel(
                    name="CheckinReminder",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("due_at", models.DateTimeField()),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("conversation", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="checkin_reminder", to="conversations.conversation")),
                    ],
                ),
            ],
        ),
    ]
