using Microsoft.AspNetCore.Antiforgery;

namespace Dashboard.Auth;

/// <summary>
/// Validates the antiforgery token of the sign-in form explicitly, after the rate limiter, so a
/// flood of forged posts is both limited and refused with a clear 400.
/// </summary>
internal sealed class AntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!await antiforgery.IsRequestValidAsync(context.HttpContext))
        {
            return Results.Problem("The sign-in form expired or was not sent by this site. Reload the page and try again.",
                statusCode: StatusCodes.Status400BadRequest);
        }
        return await next(context);
    }
}
