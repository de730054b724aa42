import uuid

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def give_each_block_an_id(apps, schema_editor):
    Block = apps.get_model("vault", "Block")
    for block in Block.objects.filter(uid__isnull=True):
        block.uid = uuid.uuid4()
        block.save(update_fields=["uid"])


class Migration(migrations.Migration):

    dependencies = [
        ("conversations", "0002_helpline_operations"),
        ("vault", "0002_block"),
    ]

    operations = [
        migrations.AddField(
            model_name="block",
            name="uid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_each_block_an_id, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="block",
            name="uid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.CreateModel(
            name="CheckinReminder",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("due_at", models.DateTimeField()),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "conversation",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="checkin_reminder",
                        to="conversations.conversation",
                    ),
                ),
            ],
        ),
    ]
