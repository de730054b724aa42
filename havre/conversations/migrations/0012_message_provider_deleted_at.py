from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("conversations", "0011_conversation_route_key")]

    operations = [
        migrations.AddField(
            model_name="message",
            name="provider_deleted_at",
            field=models.DateTimeField(null=True),
        ),
    ]
