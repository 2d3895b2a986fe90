namespace Rally.Features.OrgUnits;

public static class OrgUnitEndpoints
{
    public static RouteGroupBuilder MapOrgUnitEndpoints(this RouteGroupBuilder api)
    {
        return api;
    }
}
