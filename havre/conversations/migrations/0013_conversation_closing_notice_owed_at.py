from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("conversations", "0012_message_provider_deleted_at")]

    operations = [
        migrations.AddField(
            model_name="conversation",
            name="closing_notice_owed_at",
            field=models.DateTimeField(null=True),
        ),
    ]
