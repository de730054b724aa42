# Conversations take over the gateways' Channel model: the table already
# exists (renamed by gateways 0003), and the foreign keys already point at it,
# so only the state changes. Which providers exist is now the gateways'
# registry's to say, not a choice list in the database.

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_team_support"),
        ("conversations", "0003_heavy_by_user"),
        ("gateways", "0003_channel_leaves_for_conversations"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Channel",
                    fields=[
                        ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ("provider", models.CharField(max_length=32)),
                        ("address", models.CharField(max_length=32)),
                        ("config", models.JSONField(default=dict)),
                        ("secret_box", models.BinaryField(max_length=512)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("removed_at", models.DateTimeField(null=True)),
                        ("program", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="channels", to="accounts.program")),
                    ],
                    options={
                        "constraints": [models.UniqueConstraint(condition=models.Q(("removed_at__isnull", True)), fields=("provider", "address"), name="channel_one_live_per_address")],
                    },
                ),
                migrations.AlterField(
                    model_name="conversation",
                    name="channel",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="conversations", to="conversations.channel"),
                ),
                migrations.AlterField(
                    model_name="message",
                    name="channel",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="messages", to="conversations.channel"),
                ),
            ],
        ),
    ]
