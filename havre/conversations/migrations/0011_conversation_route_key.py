from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("conversations", "0010_ongoing_relationship")]

    operations = [
        migrations.AddField(
            model_name="conversation",
            name="route_key",
            field=models.PositiveIntegerField(default=0),
        ),
    ]
