/** The package's root folder. */
export declare const root: string
/** True when dist/.build-stamp is newer than every file under src, checks, dashboards, migrations. */
export declare function distIsFresh(): boolean
