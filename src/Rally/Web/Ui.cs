namespace Rally.Web;

static class Ui
{
    public static void MapUi(this WebApplication app)
    {
    }
}
