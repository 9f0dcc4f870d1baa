namespace EntiGraph.Engine.Charts;

/// <summary>Marker shapes; series cycle through them so that they differ in more than colour.</summary>
public enum MarkerShape
{
    Circle,
    Square,
    Diamond,
}
