/*
 * CGLPKShims: C guards around GLPK entry points.
 *
 * GLPK reports invalid calls ("fatal errors") by printing a message and calling abort().
 * Each function here installs a thread-local error hook (glp_error_hook) that longjmps
 * back into the same C frame, so a fatal error becomes a return value of -1 with GLPK's
 * own message in `pdm_error.message`. No Swift frame ever lies between setjmp and longjmp.
 *
 * After a fatal error GLPK's environment on that thread is freed (glp_free_env), which
 * invalidates every problem object created on the thread; pdm_generation() is bumped so the
 * Swift side can refuse to touch stale problems.
 *
 * All output GLPK prints passes through a term hook (glp_term_hook): it is kept in a
 * thread-local buffer (for error messages) and echoed to stderr only when verbose.
 */
#ifndef CGLPK_SHIMS_H
#define CGLPK_SHIMS_H

#include <glpk.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The outcome of a guarded call that failed: GLPK's last printed lines. */
typedef struct pdm_error {
    char message[1024];
} pdm_error;

/** Parameters of a guarded glp_intopt call. */
typedef struct pdm_mip_params {
    int msg_lev;
    int tm_lim;          /* milliseconds; 0 = none */
    double mip_gap;      /* relative gap tolerance */
    int presolve;        /* GLP_ON / GLP_OFF */
    int gmi_cuts, mir_cuts, cov_cuts, clq_cuts;
    int fp_heur, ps_heur;
    int ps_tm_lim;       /* proximity search limit, ms */
    int br_tech, bt_tech;
    const volatile int *stop;      /* when non-zero, the search stops (GLP_ESTOP) */
    const double *start;           /* optional incumbent, 1-based column values */
    int start_ncols;               /* columns of the model the start belongs to */
    /* optional: at each heuristic callback, writes a newer incumbent into x[1..start_ncols]
     * and returns 1, or returns 0 when there is none since the last call */
    int (*fetch)(void *ctx, double *x);
    void *fetch_ctx;
    void (*progress)(void *ctx, double incumbent, int has_incumbent, double bound,
                     double gap, int active_nodes, int total_nodes);
    void *progress_ctx;
    int progress_ms;               /* minimum interval between progress calls */
    double *bound_out;             /* receives the best bound seen at the last node selection */
    int *has_bound_out;            /* set to 1 when bound_out was written */
} pdm_mip_params;

/** Per-thread counter bumped each time a fatal error freed the GLPK environment. */
unsigned long pdm_generation(void);
/** Echo GLPK terminal output to stderr on this thread (1) or keep it silent (0). */
void pdm_set_verbose(int verbose);

int pdm_create_prob(glp_prob **out, pdm_error *err);
int pdm_delete_prob(glp_prob *P, pdm_error *err);

/**
 * Loads a whole model: direction, rows (type, lb, ub), columns (type, lb, ub, objective,
 * kind) and the sparse matrix ia/ja/ar (1-based, element 0 unused, as glp_load_matrix).
 */
int pdm_load_model(glp_prob *P, int dir,
                   int nrows, const int *rtype, const double *rlb, const double *rub,
                   int ncols, const int *ctype, const double *clb, const double *cub,
                   const double *obj, const int *ckind,
                   int ne, const int *ia, const int *ja, const double *ar,
                   pdm_error *err);

/** glp_set_obj_coef, unchecked: used to provoke a real fatal error in tests. */
int pdm_set_obj_coef(glp_prob *P, int j, double coef, pdm_error *err);

/** glp_set_row_stat / glp_set_col_stat for every row and column (1-based arrays). */
int pdm_set_basis(glp_prob *P, const int *rstat, const int *cstat, pdm_error *err);

/** glp_simplex with the given options; *ret receives its return code. */
int pdm_simplex(glp_prob *P, int msg_lev, int tm_lim, int presolve, int meth,
                int *ret, pdm_error *err);

/** glp_intopt with pdm_mip_params; *ret receives its return code. */
int pdm_intopt(glp_prob *P, const pdm_mip_params *params, int *ret, pdm_error *err);

/**
 * Reads the solution: status (glp_get_status or glp_mip_status), objective, column values
 * (1-based), row duals (LP only, may be NULL), row and column statuses (LP only, may be NULL).
 */
int pdm_read_solution(glp_prob *P, int mip, int *status, double *obj, double *colval,
                      double *rowdual, int *rstat, int *cstat, pdm_error *err);

/** glp_write_lp (format 0) or glp_write_mps free format (format 1). */
int pdm_write(glp_prob *P, int format, const char *fname, int *ret, pdm_error *err);
/** glp_read_lp (format 0) or glp_read_mps free format (format 1) into an empty problem. */
int pdm_read(glp_prob *P, int format, const char *fname, int *ret, pdm_error *err);

/** Simplex iterations so far (glp_get_it_cnt). */
int pdm_iterations(glp_prob *P, int *count, pdm_error *err);

/** Row and column counts and objective direction. */
int pdm_dims(glp_prob *P, int *nrows, int *ncols, int *dir, pdm_error *err);

#ifdef __cplusplus
}
#endif
#endif
